module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'deploy',
  rootDir: __dirname,
  // Rendering three kustomizations and building six units takes a few seconds each.
  testTimeout: 120_000,
  // The image check runs on its own, after the images are built (deploy/images/jest.config.js).
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '<rootDir>/images/'],
};
