import pg from 'pg';
import { canonicalTimeSql } from './canonical.js';
import { entryHash, GENESIS_HASH, type ChainActor } from './chain-hash.js';
import { CHAIN_VIEW } from './chain-tables.js';
import { merkleRoot, type AnchoredHead } from './merkle.js';

/*
 * Recomputes every audit chain of every service schema from its entries (the schema's
 * audit_chain_entries view), in one read-only snapshot of the whole database, and checks the
 * latest anchor each service published against the anchor dispatch-sync kept. Only `pg`:
 * `npm run audit:verify` compiles this file alone and runs it (verify-cli.ts).
 */

export type BreakKind =
  /** The entry's content does not give its stored hash (the row was edited). */
  | 'HASH'
  /** The entry does not point at the hash of the entry before it (a row was edited, inserted or re-hashed). */
  | 'PREV_HASH'
  /** A sequence number is missing (a row was deleted). */
  | 'SEQUENCE'
  /** The chain's head does not match its last entry (entries cut off the end, or the head edited). */
  | 'HEAD';

export interface BrokenLink {
  service: string;
  aggregateType: string;
  aggregateId: string;
  seq: number;
  kind: BreakKind;
  expected: string;
  stored: string;
}

export type AnchorStatus = 'OK' | 'MISMATCH' | 'PENDING' | 'NONE';

export interface AnchorCheck {
  service: string;
  status: AnchorStatus;
  /** The service's latest anchor (its own record). */
  sequence: number | null;
  /** The latest anchor dispatch-sync kept for the service. */
  keptSequence: number | null;
  recomputedRoot: string | null;
  keptRoot: string | null;
  detail: string;
}

export interface ServiceSummary {
  service: string;
  chains: number;
  entries: number;
  broken: number;
}

export interface AuditVerification {
  services: ServiceSummary[];
  chains: number;
  entries: number;
  /** The first broken link of each broken chain. */
  broken: BrokenLink[];
  anchors: AnchorCheck[];
  ok: boolean;
}

interface HeadRow {
  aggregate_type: string;
  aggregate_id: string;
  seq: number;
  hash: string;
  anchored_seq: number | null;
}

interface EntryRow {
  aggregate_type: string;
  aggregate_id: string;
  seq: number;
  action: string;
  actor: ChainActor | null;
  at: string;
  payload: unknown;
  prev_hash: string;
  hash: string;
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const key = (type: string, id: string) => `${type}\u0000${id}`;
const serviceOf = (schema: string) => schema.replace(/_/g, '-');
const BATCH = 5000;

export async function verifyAuditChains(
  target: { databaseUrl: string } | { client: pg.ClientBase },
): Promise<AuditVerification> {
  const own =
    'databaseUrl' in target
      ? new pg.Client({ connectionString: target.databaseUrl, application_name: 'audit-verify' })
      : null;
  const client = own ?? (target as { client: pg.ClientBase }).client;
  if (own) await own.connect();
  try {
    // One snapshot of the whole database: heads, entries and anchors agree with each other.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const result = await verifyInSnapshot(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  } finally {
    if (own) await own.end();
  }
}

async function verifyInSnapshot(client: pg.ClientBase): Promise<AuditVerification> {
  const schemas = (
    await client.query<{ schema: string }>(
      `SELECT table_schema AS schema FROM information_schema.views WHERE table_name = $1 ORDER BY table_schema`,
      [CHAIN_VIEW],
    )
  ).rows.map((r) => r.schema);
  const hasKept =
    (
      await client.query(
        `SELECT 1 FROM information_schema.tables WHERE table_schema = 'dispatch_sync' AND table_name = 'audit_anchors'`,
      )
    ).rowCount === 1;
  const services: ServiceSummary[] = [];
  const broken: BrokenLink[] = [];
  const anchors: AnchorCheck[] = [];
  for (const schema of schemas) {
    const r = await verifySchema(client, schema, hasKept);
    services.push(r.summary);
    broken.push(...r.broken);
    anchors.push(r.anchor);
  }
  const chains = services.reduce((n, s) => n + s.chains, 0);
  const entries = services.reduce((n, s) => n + s.entries, 0);
  return {
    services,
    chains,
    entries,
    broken,
    anchors,
    ok: broken.length === 0 && anchors.every((a) => a.status !== 'MISMATCH'),
  };
}

async function verifySchema(client: pg.ClientBase, schema: string, hasKept: boolean) {
  const service = serviceOf(schema);
  const s = ident(schema);
  const heads = new Map<string, HeadRow>();
  for (const h of (
    await client.query<HeadRow>(
      `SELECT aggregate_type, aggregate_id, seq, hash, anchored_seq FROM ${s}.audit_chain_heads WHERE seq > 0`,
    )
  ).rows) {
    heads.set(key(h.aggregate_type, h.aggregate_id), h);
  }
  const broken: BrokenLink[] = [];
  const anchoredLeaves = new Map<string, string>();
  const walked = new Set<string>();
  let entries = 0;

  // One chain at a time, in sequence order.
  let chain: {
    type: string;
    id: string;
    expectedSeq: number;
    prev: string;
    lastSeq: number;
    lastStored: string;
    broken: boolean;
  } | null = null;
  const fail = (b: Omit<BrokenLink, 'service' | 'aggregateType' | 'aggregateId'>) => {
    if (!chain || chain.broken) return;
    chain.broken = true;
    broken.push({ service, aggregateType: chain.type, aggregateId: chain.id, ...b });
  };
  const endChain = () => {
    if (!chain) return;
    const head = heads.get(key(chain.type, chain.id));
    walked.add(key(chain.type, chain.id));
    if (!head)
      fail({
        seq: chain.lastSeq,
        kind: 'HEAD',
        expected: `head at ${chain.lastSeq}`,
        stored: 'no head',
      });
    else if (head.seq > chain.lastSeq)
      fail({ seq: chain.lastSeq + 1, kind: 'SEQUENCE', expected: head.hash, stored: 'missing' });
    else if (head.seq !== chain.lastSeq || head.hash !== chain.lastStored) {
      fail({
        seq: chain.lastSeq,
        kind: 'HEAD',
        expected: chain.lastStored,
        stored: `head ${head.seq} ${head.hash}`,
      });
    }
    chain = null;
  };

  await client.query(
    `DECLARE audit_verify NO SCROLL CURSOR FOR
       SELECT aggregate_type, aggregate_id, seq, action, actor, ${canonicalTimeSql('at')} AS at, payload, prev_hash, hash
         FROM ${s}.${CHAIN_VIEW} ORDER BY aggregate_type, aggregate_id, seq, source_id`,
  );
  for (;;) {
    const rows = (await client.query<EntryRow>(`FETCH ${BATCH} FROM audit_verify`)).rows;
    if (rows.length === 0) break;
    for (const r of rows) {
      entries++;
      if (chain && (chain.type !== r.aggregate_type || chain.id !== r.aggregate_id)) endChain();
      if (!chain)
        chain = {
          type: r.aggregate_type,
          id: r.aggregate_id,
          expectedSeq: 1,
          prev: GENESIS_HASH,
          lastSeq: 0,
          lastStored: '',
          broken: false,
        };
      if (r.seq !== chain.expectedSeq) {
        fail({
          seq: chain.expectedSeq,
          kind: 'SEQUENCE',
          expected: `entry ${chain.expectedSeq}`,
          stored: `entry ${r.seq}`,
        });
      } else if (r.prev_hash !== chain.prev) {
        fail({ seq: r.seq, kind: 'PREV_HASH', expected: chain.prev, stored: r.prev_hash });
      }
      const recomputed = entryHash(chain.prev, {
        aggregateType: r.aggregate_type,
        aggregateId: r.aggregate_id,
        seq: r.seq,
        action: r.action,
        actor: r.actor,
        at: r.at,
        payload: r.payload,
      });
      if (recomputed !== r.hash)
        fail({ seq: r.seq, kind: 'HASH', expected: recomputed, stored: r.hash });
      const head = heads.get(key(r.aggregate_type, r.aggregate_id));
      if (head?.anchored_seq === r.seq)
        anchoredLeaves.set(key(r.aggregate_type, r.aggregate_id), recomputed);
      // The chain as its content gives it: one edited entry breaks every anchor after it.
      chain.prev = recomputed;
      chain.expectedSeq = r.seq + 1;
      chain.lastSeq = r.seq;
      chain.lastStored = r.hash;
    }
  }
  endChain();
  await client.query('CLOSE audit_verify');
  for (const h of heads.values()) {
    if (walked.has(key(h.aggregate_type, h.aggregate_id))) continue;
    broken.push({
      service,
      aggregateType: h.aggregate_type,
      aggregateId: h.aggregate_id,
      seq: 1,
      kind: 'SEQUENCE',
      expected: `entries 1…${h.seq}`,
      stored: 'missing',
    });
  }

  const anchored: AnchoredHead[] = [];
  for (const h of heads.values()) {
    if (h.anchored_seq === null) continue;
    const k = key(h.aggregate_type, h.aggregate_id);
    anchored.push({
      aggregateType: h.aggregate_type,
      aggregateId: h.aggregate_id,
      seq: h.anchored_seq,
      hash: anchoredLeaves.get(k) ?? 'missing',
    });
  }
  const anchor = await checkAnchor(client, service, s, hasKept, merkleRoot(anchored));
  return {
    summary: { service, chains: heads.size, entries, broken: broken.length },
    broken,
    anchor,
  };
}

async function checkAnchor(
  client: pg.ClientBase,
  service: string,
  s: string,
  hasKept: boolean,
  recomputedRoot: string,
): Promise<AnchorCheck> {
  const own = (
    await client.query<{ sequence: number; root: string }>(
      `SELECT sequence, root FROM ${s}.audit_chain_anchors ORDER BY sequence DESC LIMIT 1`,
    )
  ).rows[0];
  const kept = hasKept
    ? (
        await client.query<{ sequence: number; root: string }>(
          `SELECT sequence, root FROM dispatch_sync.audit_anchors WHERE service = $1 ORDER BY sequence DESC LIMIT 1`,
          [service],
        )
      ).rows[0]
    : undefined;
  const base = {
    service,
    sequence: own?.sequence ?? null,
    keptSequence: kept?.sequence ?? null,
    recomputedRoot: own ? recomputedRoot : null,
    keptRoot: kept?.root ?? null,
  };
  if (!own && !kept) return { ...base, status: 'NONE', detail: 'never anchored' };
  if (!own || (kept && kept.sequence > own.sequence)) {
    return {
      ...base,
      status: 'MISMATCH',
      detail: `dispatch-sync kept anchor ${kept!.sequence}, the service has ${own ? `only up to ${own.sequence}` : 'none'}`,
    };
  }
  if (!kept || kept.sequence < own.sequence) {
    // Published, not received yet: only the service's own record to compare with.
    if (own.root !== recomputedRoot)
      return {
        ...base,
        status: 'MISMATCH',
        detail: `anchor ${own.sequence} (the service's record) does not match the entries`,
      };
    return {
      ...base,
      status: 'PENDING',
      detail: `anchor ${own.sequence} not yet kept by dispatch-sync`,
    };
  }
  if (kept.root !== recomputedRoot)
    return {
      ...base,
      status: 'MISMATCH',
      detail: `anchor ${kept.sequence} kept by dispatch-sync does not match the entries`,
    };
  return { ...base, status: 'OK', detail: `anchor ${kept.sequence} matches` };
}

const short = (h: string) => (/^[0-9a-f]{64}$/.test(h) ? `${h.slice(0, 16)}…` : h);

/** The report as printed by `npm run audit:verify`. */
export function formatVerification(v: AuditVerification): string[] {
  const lines: string[] = [];
  for (const s of v.services) {
    const a = v.anchors.find((x) => x.service === s.service);
    lines.push(
      `${s.service.padEnd(10)} ${String(s.chains).padStart(7)} chains ${String(s.entries).padStart(9)} entries ${String(s.broken).padStart(4)} broken   anchor: ${a ? `${a.status} (${a.detail})` : '-'}`,
    );
  }
  for (const b of v.broken) {
    lines.push(
      `BROKEN ${b.service} ${b.aggregateType}/${b.aggregateId} seq ${b.seq} (${b.kind}): expected ${short(b.expected)} stored ${short(b.stored)}`,
    );
  }
  for (const a of v.anchors.filter((x) => x.status === 'MISMATCH')) {
    lines.push(
      `ANCHOR MISMATCH ${a.service}: ${a.detail}; recomputed ${a.recomputedRoot ?? '-'} kept ${a.keptRoot ?? '-'}`,
    );
  }
  const mismatched = v.anchors.filter((a) => a.status === 'MISMATCH').length;
  lines.push(
    `summary: ${v.services.length} services, ${v.chains} chains, ${v.entries} entries, ${v.broken.length} broken, ${mismatched} anchor mismatches — ${v.ok ? 'intact' : 'TAMPERED'}`,
  );
  return lines;
}
