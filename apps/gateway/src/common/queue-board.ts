import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { Queue } from 'bullmq';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import { DEFAULT_ERROR_MESSAGE, ErrorCode } from '@netsign/contracts';
import type { TokenKeys } from './auth/token-keys.js';
import { metricsRegistry } from './metrics/metrics.js';
import { Gauge } from 'prom-client';

const COOKIE = 'netsign_ops';

/**
 * Bull Board for operators at /admin/queues: the print queue's depth, failed jobs and their
 * retry. Province admins only: a bearer token, or `?token=` once (kept in an HttpOnly cookie).
 */
export async function registerQueueBoard(
  fastify: FastifyInstance,
  options: { redisUrl: string; queuePrefix: string; keys: TokenKeys },
): Promise<void> {
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', (err) => fastify.log.warn({ err }, 'queue board: redis error'));
  const queue = new Queue('print', { connection, prefix: options.queuePrefix });
  metricsRegistry.removeSingleMetric('netsign_print_queue_jobs'); // one gauge per process, for the latest board
  new Gauge({
    name: 'netsign_print_queue_jobs',
    help: 'Jobs in the BullMQ print queue by state',
    labelNames: ['state'],
    registers: [metricsRegistry],
    async collect() {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed').catch(() => null);
      for (const [state, n] of Object.entries(counts ?? {})) this.set({ state }, n);
    },
  });
  const adapter = new BullBoardFastifyAdapter();
  adapter.setBasePath('/admin/queues');
  createBullBoard({ queues: [new BullMQAdapter(queue)], serverAdapter: adapter, options: { uiConfig: { boardTitle: '网签平台 · 打印队列' } } });
  await fastify.register(
    async (scope) => {
      scope.addHook('onRequest', async (request, reply) => {
        const token = tokenOf(request);
        const principal = token ? await options.keys.verify(token).catch(() => null) : null;
        if (!principal) {
          return reply.status(401).send({ code: ErrorCode.UNAUTHENTICATED, message: DEFAULT_ERROR_MESSAGE.UNAUTHENTICATED });
        }
        if (principal.role !== 'PROVINCE_ADMIN') {
          return reply.status(403).send({ code: ErrorCode.FORBIDDEN, message: DEFAULT_ERROR_MESSAGE.FORBIDDEN });
        }
        const fromQuery = (request.query as Record<string, string> | undefined)?.['token'];
        if (fromQuery) void reply.header('set-cookie', `${COOKIE}=${fromQuery}; Path=/admin/queues; HttpOnly; SameSite=Strict`);
      });
      await scope.register(adapter.registerPlugin(), { prefix: '/admin/queues' });
    },
  );
  fastify.addHook('onClose', async () => {
    await queue.close();
    await connection.quit().catch(() => undefined);
  });
}

function tokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7);
  const fromQuery = (request.query as Record<string, string> | undefined)?.['token'];
  if (fromQuery) return fromQuery;
  const cookie = request.headers.cookie?.split(';').map((c) => c.trim()).find((c) => c.startsWith(`${COOKIE}=`));
  return cookie?.slice(COOKIE.length + 1);
}
