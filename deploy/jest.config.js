module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'deploy',
  rootDir: __dirname,
  // Rendering three kustomizations and building six units takes a few seconds each.
  testTimeout: 120_000,
};
