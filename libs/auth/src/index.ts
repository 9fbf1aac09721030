export * from './authorize.js';
export * from './tokens.js';
export * from './principal-scope.js';
