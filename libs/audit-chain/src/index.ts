export * from './canonical.js';
export * from './chain-hash.js';
export * from './merkle.js';
export * from './chain-writer.js';
export * from './chain-tables.js';
export * from './anchor.js';
export * from './audit-anchor.module.js';
export * from './verify.js';
