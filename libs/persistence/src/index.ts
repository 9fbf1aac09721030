export * from './prepare-database.js';
export * from './service-data-source.js';
export * from './pg-errors.js';
export * from './persistence.module.js';
export * from './prepared-query.js';
export * from './hydrate.js';
export * from './uuid.js';
