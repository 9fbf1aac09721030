import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy of everything the gateway serves: JSON answers, Swagger UI at
 * /api/docs, Bull Board, and the web portal at / (which imports these directives rather than
 * writing its own). Scripts only from this origin, never inline; styles from this origin plus
 * inline ones (Ant Design and Swagger UI inject `<style>` at run time); images also as data: and
 * blob: URLs (QR codes, previews); nothing may frame the pages; no plugins; forms and fetches only
 * to this origin.
 */
export const CONTENT_SECURITY_POLICY: Readonly<Record<string, readonly string[]>> = Object.freeze({
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
});

/** The policy as a header value, for a page served outside this plugin's reach (tests, a CDN). */
export function contentSecurityPolicyHeader(): string {
  return Object.entries(CONTENT_SECURITY_POLICY)
    .map(
      ([name, values]) =>
        `${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} ${values.join(' ')}`,
    )
    .join('; ');
}

/**
 * Helmet's headers on every answer (nosniff, X-Frame-Options DENY, Referrer-Policy no-referrer,
 * HSTS, cross-origin isolation of resources) with the policy above.
 */
export async function registerSecurityHeaders(fastify: FastifyInstance): Promise<void> {
  await fastify.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: Object.fromEntries(
        Object.entries(CONTENT_SECURITY_POLICY).map(([k, v]) => [k, [...v]]),
      ),
    },
    frameguard: { action: 'deny' },
  });
}
