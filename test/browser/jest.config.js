/**
 * The browser tests: real Chromium (Debian's /usr/bin/chromium, driven by playwright-core) against one real server
 * process started for the whole run. The client's unit specs run in `npm test` (the root config's `unit` project).
 * Same SWC transform as the rest of the suite. `npm run test:browser` builds first, so the server and the client
 * under test are the ones in this checkout.
 */
const { resolve } = require('node:path');
const root = require('../../jest.config.js');
const { transform, transformIgnorePatterns } = root.projects[0];
const rootDir = resolve(__dirname, '../..');
const shared = { rootDir, testEnvironment: 'node', transform, transformIgnorePatterns };

module.exports = {
  rootDir,
  testTimeout: 90_000,
  globalSetup: '<rootDir>/test/browser/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/browser/support/global-teardown.ts',
  projects: [{ displayName: 'browser', ...shared, testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'] }],
};
