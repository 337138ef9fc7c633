module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'file-ingest',
  rootDir: __dirname,
};
