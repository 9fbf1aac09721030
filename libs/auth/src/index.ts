export * from './authorize.js';
export * from './tokens.js';
export * from './principal-scope.js';
export * from './access-policy.js';
