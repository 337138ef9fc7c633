// The image check (images.e2e.spec.ts) alone: `npm run images:check` and the end of `npm test`
// run it after the images are built, never in parallel with the other projects' tests.
module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'images',
  rootDir: __dirname,
  // Starting five services from vfs containers takes a minute or two; each step has its own
  // deadline, this is only the backstop.
  testTimeout: 300_000,
};
