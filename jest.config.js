/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.(ts|js)$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  // @formatjs/intl and intl-messageformat ship only ES modules: compiled to CommonJS for jest (the
  // built program loads them with Node's require of ES modules, Node 20.19 and later).
  transformIgnorePatterns: ['/node_modules/(?!(@formatjs|intl-messageformat)/)'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 30000,
  // The built program (dist/) is built once, here, before the workers start (test/support/dist.ts).
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  // Every core: many suites wait on child processes (the built CLI, writers killed on purpose).
  maxWorkers: '100%',
};
