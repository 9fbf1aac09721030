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
/** How many of the latest completed jobs the timing gauges summarise (they are kept a week). */
const RECENT_JOBS = 200;

/** Nearest-rank quantile of an ascending list. */
export function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

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
      const counts = await queue
        .getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed')
        .catch(() => null);
      for (const [state, n] of Object.entries(counts ?? {})) this.set({ state }, n);
    },
  });
  metricsRegistry.removeSingleMetric('netsign_print_job_seconds');
  new Gauge({
    name: 'netsign_print_job_seconds',
    help: `Print jobs among the last ${RECENT_JOBS} completed: time waiting in the queue and rendering, by quantile`,
    labelNames: ['phase', 'quantile'],
    registers: [metricsRegistry],
    async collect() {
      this.reset();
      const jobs = await queue.getJobs(['completed'], 0, RECENT_JOBS - 1).catch(() => []);
      const phases = {
        wait: jobs.map((j) =>
          j?.processedOn && j.timestamp ? (j.processedOn - j.timestamp) / 1000 : NaN,
        ),
        render: jobs.map((j) =>
          j?.finishedOn && j.processedOn ? (j.finishedOn - j.processedOn) / 1000 : NaN,
        ),
      };
      for (const [phase, values] of Object.entries(phases)) {
        const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
        if (sorted.length === 0) continue;
        for (const q of [0.5, 0.9, 0.99])
          this.set({ phase, quantile: String(q) }, quantile(sorted, q));
      }
    },
  });
  const adapter = new BullBoardFastifyAdapter();
  adapter.setBasePath('/admin/queues');
  createBullBoard({
    queues: [new BullMQAdapter(queue)],
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: '网签平台 · 打印队列' } },
  });
  await fastify.register(async (scope) => {
    scope.addHook('onRequest', async (request, reply) => {
      const token = tokenOf(request);
      const principal = token ? await options.keys.verify(token).catch(() => null) : null;
      if (!principal) {
        return reply.status(401).send({
          code: ErrorCode.UNAUTHENTICATED,
          message: DEFAULT_ERROR_MESSAGE.UNAUTHENTICATED,
          details: {},
        });
      }
      if (principal.role !== 'PROVINCE_ADMIN') {
        return reply.status(403).send({
          code: ErrorCode.FORBIDDEN,
          message: DEFAULT_ERROR_MESSAGE.FORBIDDEN,
          details: {},
        });
      }
      const fromQuery = (request.query as Record<string, string> | undefined)?.['token'];
      // Secure whenever the board is reached over HTTPS (directly, or behind a proxy with TRUST_PROXY).
      const secure = request.protocol === 'https' ? '; Secure' : '';
      if (fromQuery)
        void reply.header(
          'set-cookie',
          `${COOKIE}=${fromQuery}; Path=/admin/queues; HttpOnly; SameSite=Strict${secure}`,
        );
    });
    await scope.register(adapter.registerPlugin(), { prefix: '/admin/queues' });
  });
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
  const cookie = request.headers.cookie
    ?.split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${COOKIE}=`));
  return cookie?.slice(COOKIE.length + 1);
}
