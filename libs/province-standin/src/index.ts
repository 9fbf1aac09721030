export * from './province-standin.js';
export * from './standin-state.js';
export * from './record-schema.js';
