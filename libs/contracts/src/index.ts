export * from './errors.js';
export * from './principal.js';
export * from './services.js';
export * from './envelope.js';
export * from './request.js';
export * from './platform.js';
export * from './identity.js';
