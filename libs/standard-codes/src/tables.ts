/* The small tables without the region data (GB/T 2260 is some 65 KB): for clients that load the
   regions on demand from './regions.js'. */
export * from './code-table.js';
export * from './employer-natures.js';
export * from './graduate-destinations.js';
export * from './industries.js';
