export * from './authorize.js';
export * from './tokens.js';
