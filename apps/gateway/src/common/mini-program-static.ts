import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * The graduates' mini-program as a phone web app (its Taro H5 build) at `/m/` (API.md "Pages").
 * Files are served as built; any other path under `/m/` answers the app's index.html so the
 * app's own router shows the page (its router basename is `/m`).
 */

/** Default place of the H5 build: dist/apps/mini-program/h5 beside this file's dist/apps/gateway. */
export const MINI_PROGRAM_H5_DIR = fileURLToPath(
  new URL('../../../mini-program/h5/', import.meta.url),
);

/**
 * Everything the H5 build needs and nothing more: its own scripts and styles, images from itself
 * or as data/blob URLs (the QR card is a data URL; chosen files preview as blob URLs), calls to
 * its own origin. Taro's runtime sets element styles, hence 'unsafe-inline' for styles only.
 */
export const MINI_PROGRAM_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self' blob:",
  "font-src 'self' data:",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export interface MiniProgramStaticOptions {
  root?: string;
}

/** Registers `/m/` if the H5 build exists; returns whether it did. */
export async function registerMiniProgramStatic(
  fastify: FastifyInstance,
  options: MiniProgramStaticOptions = {},
): Promise<boolean> {
  const root = options.root ?? MINI_PROGRAM_H5_DIR;
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) {
    fastify.log.warn(
      { root },
      'mini-program H5 build not found: /m/ is not served (npm run build:mini-program)',
    );
    return false;
  }
  const indexHtml = readFileSync(indexFile);
  await fastify.register(async (scope) => {
    // Scoped to this plugin: the CSP and cache rules apply to /m/ answers only.
    scope.addHook('onSend', async (request, reply, payload) => {
      void reply.header('content-security-policy', MINI_PROGRAM_CSP);
      void reply.header('x-content-type-options', 'nosniff');
      void reply.header('referrer-policy', 'same-origin');
      // Hashed file names may be kept for a year; the index must be fetched fresh after a deploy.
      const hashed = /\/(js|css|static)\//.test(request.url);
      void reply.header(
        'cache-control',
        hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
      return payload;
    });
    await scope.register(fastifyStatic, {
      root,
      prefix: '/m/',
      // The portal may register @fastify/static too: only one registration may decorate the reply.
      decorateReply: false,
      wildcard: false,
      index: false,
    });
    scope.get('/m', async (_request, reply) => reply.redirect('/m/', 301));
    scope.get('/m/*', async (request, reply) => {
      // A missing file (a name with an extension) is a 404, not the app's page.
      if (/\.[a-z0-9]+$/i.test(request.url.split('?')[0] ?? '')) {
        return reply.code(404).send({ code: 'NOT_FOUND', message: '文件不存在', details: {} });
      }
      return reply.type('text/html; charset=utf-8').send(indexHtml);
    });
  });
  return true;
}
