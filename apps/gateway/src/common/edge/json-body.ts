import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import type { Server } from 'node:http';
import { exceedsDepth, findNul, MAX_JSON_DEPTH, nulRefused, tooDeep } from './request-text.js';

/**
 * The JSON body parser of every route: Fastify's own (prototype poisoning refused), behind a
 * nesting check that no client's mistake gets past as a 500: deeper than MAX_JSON_DEPTH is
 * refused before parsing. Registered through Nest, which otherwise installs its default parser.
 */
export function registerJsonBodyParser(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  app.useBodyParser<Server>('application/json', { bodyLimit }, (request, raw, done) => {
    const text = raw.toString('utf8');
    if (exceedsDepth(text, MAX_JSON_DEPTH)) return done(tooDeep(MAX_JSON_DEPTH), undefined);
    void parse(request, text, done);
  });
}

/**
 * U+0000 is refused wherever a client can put it — path parameters, the query string, a parsed
 * body (JSON or form-encoded) — with 400 naming the field. PostgreSQL cannot store it in text and
 * no field of the API has a use for it. (Multipart fields are checked where they are read.)
 */
export function registerNulGuard(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', async (request) => {
    const field = findNul(request.params) ?? findNul(request.query) ?? findNul(request.body);
    if (field) throw nulRefused(field);
  });
}
