// The scenarios start and kill whole processes and share one machine's CPU: one file at a time.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'system-tests',
  rootDir: __dirname,
  maxWorkers: 1,
  // A scenario bounds its own load and waits; this is only the backstop.
  testTimeout: 240_000,
};
