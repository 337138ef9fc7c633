// Shared by every project's jest.config.js. swc strips types (about 3x faster than ts-jest here);
// type errors are caught by each project's `typecheck` target instead.
const swcOptions = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2023',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest', swcOptions],
    // ESM-only packages that CommonJS code requires (Node 24 does that natively, jest's module
    // loader does not): compiled to CommonJS like our own code.
    '/node_modules/content-disposition/.+\\.js$': [
      '@swc/jest',
      { ...swcOptions, jsc: { ...swcOptions.jsc, parser: { syntax: 'ecmascript' } } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!content-disposition/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // The level of a test is in its name: *.unit.spec.ts needs nothing, *.int.spec.ts needs the stack.
  testMatch: ['<rootDir>/**/*.(unit|int|e2e).spec.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  clearMocks: true,
  // Integration tests wait on real servers (a consumer group joining takes seconds); each waits
  // on progress with its own deadline, this is only the backstop.
  testTimeout: 90_000,
  setupFiles: [
    require('node:path').join(__dirname, 'services/testing/src/load-stack-env.setup.ts'),
  ],
};
