/**
 * Unit specs beside the code (the server's in src/, the client's pure logic in client/src/), end-to-end suites under
 * test/. SWC transpiles; `npm run typecheck` type-checks.
 */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
};

// ES-module-only dependencies (NestJS 12 and what it pulls in) are compiled to CommonJS for Jest on Node 20.
const ESM_PACKAGES = [
  'pg-boss',
  'cron-parser',
  'rrule-temporal',
  'temporal-spec',
  'serialize-error',
  'non-error',
  '@nestjs',
  'file-type',
  'strtok3',
  'token-types',
  'uint8array-extras',
  '@tokenizer',
  '@borewit',
  'load-esm',
  'email-reply-parser',
  'openid-client',
  'oauth4webapi',
  'jose',
  'oidc-provider',
  '@fastify/static',
  'content-disposition',
];

const transform = {
  '^.+\\.ts$': ['@swc/jest', swc],
  '^.+\\.[mc]?js$': [
    '<rootDir>/test/support/esm-transformer.js',
    { ...swc, jsc: { ...swc.jsc, parser: { syntax: 'ecmascript' } } },
  ],
};

const shared = {
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
};

module.exports = {
  maxWorkers: 2,
  // Without DATABASE_URL: one embedded PostgreSQL for the run (the product's own), a database per test file in it.
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30000,
  projects: [
    // The bench's pure helpers (bench/lib/*.spec.ts) too: the rounds, median and spread that decide its verdicts.
    {
      displayName: 'unit',
      ...shared,
      testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/client/src/**/*.spec.ts', '<rootDir>/bench/**/*.spec.ts'],
    },
    {
      displayName: 'e2e',
      ...shared,
      testMatch: [
        '<rootDir>/test/{e2e,security}/**/*.e2e-spec.ts',
        '<rootDir>/test/reliability/{retry-storm,abuse-limit}.e2e-spec.ts',
      ],
    },
    // npm run test:chaos, part 1, two files at a time: the fuzzers at full scale beside the 5-minute mixed workload
    // (none of them measures time). The authorization matrix and the log check do not scale: npm test runs them.
    {
      displayName: 'chaos-load',
      ...shared,
      testMatch: ['<rootDir>/test/security/{rest-fuzz,socket-fuzz,socket-access}.e2e-spec.ts'],
    },
    // Part 2, one file at a time: fault injection on real server processes, which measures how long things take.
    {
      displayName: 'chaos-faults',
      ...shared,
      testMatch: ['<rootDir>/test/reliability/**/*.e2e-spec.ts'],
    },
    // docker/haproxy.cfg in front of two server processes (needs haproxy, PostgreSQL and Redis): CI runs it alone.
    { displayName: 'deployment', ...shared, testMatch: ['<rootDir>/test/deployment/**/*.e2e-spec.ts'] },
  ],
};
