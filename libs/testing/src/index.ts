export * from './test-env.js';
export * from './wait-for.js';
export * from './event-probe.js';
export * from './publish-test-event.js';
export * from './schema-drift.js';
export * from './agreement-fixtures.js';
