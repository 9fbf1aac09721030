import { randomInt } from 'node:crypto';
import pg from 'pg';
import { quoteIdent } from '@netsign/persistence';
import { OWNER_LOCK_NS } from './delivery-claims.repository.js';

/**
 * The delivery loop's own connection: LISTENs for new work and holds the loop's owner lock, a
 * session advisory lock that says "this loop is alive". When the process dies the connection
 * goes, the lock with it, and other loops take the claims back at once instead of waiting for
 * the lease to run out.
 */
export class DeliveryListener {
  private constructor(
    private readonly client: pg.Client,
    /** Key of the owner lock; recorded with every claim of this loop. */
    readonly owner: number,
  ) {}

  static async connect(options: {
    databaseUrl: string;
    schema: string;
    onNotify: () => void;
    onLost: (err?: Error) => void;
  }): Promise<DeliveryListener> {
    const client = new pg.Client({
      connectionString: options.databaseUrl,
      application_name: `${options.schema}-dispatch-delivery`,
    });
    let closing = false;
    client.on('notification', options.onNotify);
    client.on('error', (err) => {
      if (!closing) options.onLost(err);
    });
    client.on('end', () => {
      if (!closing) options.onLost();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${quoteIdent(`dispatch_${options.schema}`)}`);
      for (;;) {
        const owner = randomInt(1, 2 ** 31 - 1);
        const res = await client.query<{ ok: boolean }>(
          'SELECT pg_try_advisory_lock($1, $2) AS ok',
          [OWNER_LOCK_NS, owner],
        );
        if (res.rows[0]?.ok) {
          const listener = new DeliveryListener(client, owner);
          listener.markClosing = () => (closing = true);
          return listener;
        }
      }
    } catch (err) {
      closing = true;
      await client.end().catch(() => undefined);
      throw err;
    }
  }

  private markClosing: () => void = () => undefined;

  /** Ends the session: the owner lock is released with it. */
  async close(): Promise<void> {
    this.markClosing();
    await this.client.end().catch(() => undefined);
  }
}
