/**
 * One Jest configuration for unit (*.spec.ts), integration (*.integration-spec.ts) and end-to-end
 * (*.e2e-spec.ts) tests. Nest 12 is ESM-only, so Jest runs in ESM mode (scripts/test.mjs sets
 * --experimental-vm-modules) and SWC compiles TypeScript with decorator metadata.
 */
const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

/** Files that start a whole system or cluster of their own (see testPathIgnorePatterns). */
export const SOLO_FILES = [
  '<rootDir>/e2e/chaos.e2e-spec.ts',
  '<rootDir>/e2e/chaos-nats-cluster.e2e-spec.ts',
  '<rootDir>/libs/testing/test/nats-cluster.integration-spec.ts',
];

export default {
  rootDir: '.',
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: {
    '^@netsign/([a-z-]+)$': '<rootDir>/libs/$1/src/index.ts',
    // Sub-path entries: `@netsign/messaging/client` → libs/messaging/src/client.ts.
    '^@netsign/([a-z-]+)/([a-z-]+)$': '<rootDir>/libs/$1/src/$2.ts',
    '^content-disposition$': '<rootDir>/libs/testing/shims/content-disposition.cjs',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testMatch: ['**/?(*.)+(spec|integration-spec|e2e-spec).ts'],
  // apps/portal and apps/mini-program are tested by Vitest and Playwright (scripts/test.mjs).
  testPathIgnorePatterns: [
    '/node_modules/',
    '/dist/',
    '<rootDir>/apps/portal/',
    '<rootDir>/apps/mini-program/',
    // `npm test` runs these alone, one after the other, after the rest (scripts/test.mjs): each
    // starts its own cluster or whole replicated system and measures pauses and orders that a
    // neighbour's load would distort.
    ...(process.env.JEST_SKIP_SOLO === '1' ? SOLO_FILES : []),
  ],
  setupFiles: ['<rootDir>/libs/testing/src/jest-setup.ts'],
  globalSetup: '<rootDir>/libs/testing/src/jest-global-setup.js',
  testTimeout: 60_000,
  maxWorkers: 2,
};
