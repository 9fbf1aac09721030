// Jest (ESM mode on Node 20) cannot require() an ES module, and @fastify/static (CJS) requires
// content-disposition 3 (ESM) to serve the Swagger UI assets. Node itself loads it fine; under
// Jest this stand-in provides the one function @fastify/static uses.
'use strict';
function create(filename) {
  return filename
    ? `attachment; filename="${String(filename).replace(/["\\]/g, '')}"`
    : 'attachment';
}
module.exports = { create, default: create };
