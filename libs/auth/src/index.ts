export * from './authorize.js';
export * from './tokens.js';
export * from './access-policy.js';
