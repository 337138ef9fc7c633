module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'analytics-projector',
  rootDir: __dirname,
};
