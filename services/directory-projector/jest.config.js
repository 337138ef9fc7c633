module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'directory-projector',
  rootDir: __dirname,
};
