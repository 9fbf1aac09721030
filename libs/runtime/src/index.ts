export * from './logger.js';
export * from './run-service.js';
