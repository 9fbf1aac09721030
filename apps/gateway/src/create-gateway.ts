import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { ErrorCode } from '@netsign/contracts';
import { BusClient, BusNames, NATS_CONNECTION } from '@netsign/messaging/client';
import { createPino, PinoNestLogger } from '@netsign/runtime/logger';
import type { DestinationStream } from 'pino';
import { LogController, type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { registerCompression } from './common/compression.js';
import { clientErrorHandler } from './common/edge/client-errors.js';
import { registerJsonBodyParser, registerNulGuard } from './common/edge/json-body.js';
import { registerSecurityHeaders } from './common/edge/security-headers.js';
import { registerDispatchMetrics } from './common/metrics/dispatch-metrics.js';
import { registerEventConsumerMetrics } from './common/metrics/event-consumer-metrics.js';
import { registerServiceMetrics } from './common/metrics/service-metrics.js';
import { httpRequestDuration } from './common/metrics/metrics.js';
import { registerRateLimit } from './common/rate-limit.js';
import { registerQueueBoard } from './common/queue-board.js';
import { registerMiniProgramStatic } from './common/mini-program-static.js';
import { registerPortal } from './common/portal-static.js';
import { TokenKeys } from './common/auth/token-keys.js';
import type { GatewayEnv } from './gateway.env.js';
import { GatewayModule } from './gateway.module.js';
import { gatewayOpenApiDocument } from './gateway.openapi.js';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,128}$/;

/**
 * Builds the gateway application (used by main.ts and by end-to-end tests, which may read its log
 * through `logDestination`).
 */
export async function createGateway(
  env: GatewayEnv,
  options: { logDestination?: DestinationStream } = {},
): Promise<NestFastifyApplication> {
  // Field messages of VALIDATION_FAILED are read by people: zod's Chinese messages.
  z.config(z.locales.zhCN());
  const log = createPino('gateway', env.LOG_LEVEL, {}, options.logDestination);
  const adapter = new FastifyAdapter({
    loggerInstance: log,
    // Fastify 5 takes these through a LogController (the top-level options are deprecated).
    logController: new LogController({
      disableRequestLogging: env.NODE_ENV === 'test',
      requestIdLogLabel: 'correlationId',
    }),
    bodyLimit: env.BODY_LIMIT_BYTES,
    routerOptions: {
      // Verification tokens in printed QR codes are ~190 characters (Fastify's default limit is 100).
      maxParamLength: 600,
    },
    trustProxy: env.TRUST_PROXY,
    clientErrorHandler,
    // What Fastify refuses before any route (a malformed URL, an over-long path parameter) answers
    // in the contract's shape too, not Fastify's own.
    frameworkErrors: (error: FastifyError, _request: FastifyRequest, reply: FastifyReply) => {
      void reply.status(400).send({
        code: ErrorCode.VALIDATION_FAILED,
        message: '请求地址格式错误',
        details: { reason: error.code },
      });
    },
    // The correlation id: the caller's X-Request-Id if sane, else a new one; carried to NATS and logs.
    genReqId: (req: IncomingMessage) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    GatewayModule.register(env),
    adapter,
    {
      logger: new PinoNestLogger(log),
    },
  );
  const fastify = app.getHttpAdapter().getInstance();
  // No Fastify error handler of our own: Nest sets one at init, in the same scope (a second one
  // drew FSTWRN004 and was replaced by Nest's anyway). Nest's hands errors raised in Fastify hooks
  // (body parsing, rate limits) to the global HttpErrorFilter: `{code, message, details}` still.
  await registerSecurityHeaders(fastify);
  registerJsonBodyParser(app, env.BODY_LIMIT_BYTES);
  registerNulGuard(fastify);
  await registerCompression(fastify);
  await registerRateLimit(fastify, {
    redisUrl: env.REDIS_URL,
    namespace: env.BUS_PREFIX ? `${env.BUS_PREFIX}:` : '',
    perMinute: env.RATE_LIMIT_PER_MINUTE,
  });
  await registerQueueBoard(fastify, {
    redisUrl: env.REDIS_URL,
    queuePrefix: env.BUS_PREFIX ? `netsign-${env.BUS_PREFIX}` : 'netsign',
    keys: app.get(TokenKeys),
  });
  await registerMiniProgramStatic(fastify);
  // The web portal at `/` (its build in dist/apps/portal; a clear page when it is missing).
  await registerPortal(fastify, env.PORTAL_DIR);
  await app.register(multipart, {
    limits: { fileSize: 10 * 1024 * 1024, files: 10 },
    throwFileSizeLimit: true,
  });
  registerDispatchMetrics(app.get(BusClient));
  registerEventConsumerMetrics(app.get(NATS_CONNECTION), app.get(BusNames));
  registerServiceMetrics(app.get(BusClient));
  fastify.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id);
  });
  fastify.addHook('onResponse', async (request, reply) => {
    httpRequestDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
      },
      reply.elapsedTime / 1000,
    );
  });
  app.setGlobalPrefix('api');
  // The document comes from the same zod schemas that validate requests (common/openapi).
  const document = gatewayOpenApiDocument() as unknown as OpenAPIObject;
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    // Swagger UI shows this document only: its init script would otherwise load any spec named by
    // `/api/docs?url=…` (a foreign page in our origin); an empty `url` makes it use the inline spec.
    // No validator badge either (an image from validator.swagger.io, which the CSP forbids anyway).
    swaggerOptions: { url: '', validatorUrl: null },
  });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  return app;
}
