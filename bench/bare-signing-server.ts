import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import pg from 'pg';

/**
 * The reference point of `bench:signing` (MEASURED.md's "bare NestJS + Fastify + pg endpoint"):
 * one process, one route, the same SQL as the pgbench script — agreement under the partial unique
 * index + outbox row in one transaction, prepared statements — and nothing else: no gateway, no
 * token, no validation, no bus, no events. What HTTP on Node costs before any of the platform's
 * work. Run by bench/signing.ts as its own process: `node bare-signing-server.js <dbUrl> <port>`.
 */
const [databaseUrl, port] = process.argv.slice(2);
const POOL = 'BARE_POOL';

@Controller()
class BareSigningController {
  constructor(@Inject(POOL) private readonly pool: pg.Pool) {}

  @Post('sign')
  @HttpCode(201)
  async sign(
    @Body() body: { graduateId: string; schoolCode: string },
  ): Promise<{ agreementId: string }> {
    const client = await this.pool.connect();
    const agreementId = randomUUID();
    try {
      await client.query('BEGIN');
      await client.query({
        name: 'bare-agreement',
        text: `INSERT INTO pgbench_signing.agreements (id, agreement_no, method, status, graduate_id, school_code, department_code, employer_id, snapshot, signed_at, version)
               VALUES ($1, '2026-' || $3 || '-' || nextval('signing.agreement_no_seq'), 'EMPLOYER_DIRECT', 'PENDING_REVIEW', $2, $3, 'CS', 'e1', $4, now(), 1)`,
        values: [
          agreementId,
          body.graduateId,
          body.schoolCode,
          JSON.stringify({ graduate: {}, employer: {}, position: {}, terms: {} }),
        ],
      });
      await client.query({
        name: 'bare-outbox',
        text: `INSERT INTO pgbench_signing.outbox (id, subject, envelope) VALUES ($1, 'signing.evt.agreement.signed.v1', $2)`,
        values: [randomUUID(), JSON.stringify({ payload: { agreementId } })],
      });
      await client.query('COMMIT');
      return { agreementId };
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}

@Module({
  controllers: [BareSigningController],
  providers: [
    { provide: POOL, useFactory: () => new pg.Pool({ connectionString: databaseUrl, max: 16 }) },
  ],
})
class BareSigningModule {}

const app = await NestFactory.create<NestFastifyApplication>(
  BareSigningModule,
  new FastifyAdapter(),
  { logger: ['error'] },
);
app.enableShutdownHooks();
await app.listen(Number(port), '127.0.0.1');
process.send?.('ready');
