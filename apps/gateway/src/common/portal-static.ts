import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * The web portal (apps/portal, built by `npm run build:portal` into dist/apps/portal) served at `/`:
 * hashed files under /assets/ cached for a year, index.html never cached, and every other path that
 * is not the API's (`/api/…`) or the mini-program's (`/m/…`) answered with index.html, so the
 * portal's router shows the page (or its own "not found").
 */

/**
 * The Content-Security-Policy of the portal's pages, in one place (helmet or a proxy may reuse it).
 * Ant Design injects its styles at run time, hence 'unsafe-inline' for styles only; the build has no
 * inline script (Vite's module-preload polyfill is off).
 */
export const PORTAL_CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  // Reviewers read uploaded PDFs inside the page (fetched with their token, shown from a blob: URL).
  'frame-src': ["'self'", 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

export function portalContentSecurityPolicy(): string {
  return Object.entries(PORTAL_CSP_DIRECTIVES)
    .map(([name, values]) => `${name} ${values.join(' ')}`)
    .join('; ');
}

export const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable';

/** dist/apps/portal, beside the gateway's own build output (dist/apps/gateway/src/common/). */
export function defaultPortalDir(): string {
  return fileURLToPath(new URL('../../../portal', import.meta.url));
}

function pageHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('content-security-policy', portalContentSecurityPolicy())
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'same-origin');
}

const MISSING = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>网签平台</title></head>
<body><h1>网签平台：门户页面尚未构建</h1><p>请运行 <code>npm run build:portal</code>（或 <code>npm start</code>）后刷新。</p>
<p>The web portal has not been built: run <code>npm run build:portal</code>. The API is at <a href="/api/docs">/api/docs</a>.</p></body></html>`;

/** As the gateway's router: maxParamLength 600 (create-gateway.ts). */
const MAX_PARAM_LENGTH = 600;

function malformedOrOverlong(path: string): boolean {
  try {
    return path.split('/').some((segment) => decodeURIComponent(segment).length > MAX_PARAM_LENGTH);
  } catch {
    return true;
  }
}

export async function registerPortal(
  fastify: FastifyInstance,
  portalDir: string = defaultPortalDir(),
): Promise<void> {
  const indexFile = join(portalDir, 'index.html');
  // A build has its hashed assets beside index.html (run from sources, the default directory is
  // the portal's source folder, whose index.html is Vite's template, not a build).
  const built = existsSync(indexFile) && existsSync(join(portalDir, 'assets'));
  if (built) {
    await fastify.register(fastifyStatic, {
      root: join(portalDir, 'assets'),
      prefix: '/assets/',
      decorateReply: false,
      index: false,
      cacheControl: false,
      setHeaders: (reply) => void reply.header('cache-control', IMMUTABLE_CACHE),
    });
  } else {
    fastify.log.warn(
      { portalDir },
      'web portal not built: run `npm run build:portal`; `/` explains this',
    );
  }
  const index = built ? readFileSync(indexFile) : null;

  fastify.get('/*', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    // The API's unknown paths keep the API's 404 body; /m/ belongs to the mini-program's build.
    if (path === '/api' || path.startsWith('/api/') || path === '/m' || path.startsWith('/m/')) {
      // This wildcard also catches what no API route could take because its URL is malformed or a
      // path parameter is over-long (Fastify answers those 400 when no wildcard is there): keep
      // the contract's answer for them (create-gateway.ts, frameworkErrors).
      if (path.startsWith('/api/') && malformedOrOverlong(path)) {
        return reply.status(400).send({
          code: 'VALIDATION_FAILED',
          message: '请求地址格式错误',
          details: { reason: 'BAD_URL' },
        });
      }
      return reply.callNotFound();
    }
    if (!index)
      return pageHeaders(reply)
        .code(503)
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(MISSING);
    return pageHeaders(reply)
      .header('cache-control', 'no-cache')
      .type('text/html; charset=utf-8')
      .send(index);
  });
}
