export * from './logger.js';
export * from './run-service.js';
export * from './health-server.js';
