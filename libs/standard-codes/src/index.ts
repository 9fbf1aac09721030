/* Standard code tables (docs/standard-codes.md names the source of each): GB/T 2260 regions,
   GB/T 4754-2017 industries, the Ministry's 单位性质 and 毕业去向 codes. Pure data, no framework. */
export * from './code-table.js';
export * from './employer-natures.js';
export * from './graduate-destinations.js';
export * from './industries.js';
export * from './regions.js';
