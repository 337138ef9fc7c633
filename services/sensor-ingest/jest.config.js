module.exports = {
  ...require('../../jest.preset.js'),
  displayName: 'sensor-ingest',
  rootDir: __dirname,
};
