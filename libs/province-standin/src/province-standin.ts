import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatchRecordSchema, graduateKeyOf } from './record-schema.js';
import { StandinState, type Faults } from './standin-state.js';

export interface ProvinceStandinOptions {
  port?: number;
  host?: string;
  secret: string;
  /** Mirror accepted records to this JSON file and reload them on start. */
  dataFile?: string;
}

export interface ProvinceStandin {
  url: string;
  state: StandinState;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly reason: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(reason);
  }
}

/**
 * A provincial dispatch system for development, tests and demos: implements `POST /records` as
 * API.md fixes it (signature, validation, idempotency by recordId, per-graduate order) and can be
 * told to fail, slow down, drop connections or reject through `POST /_control`.
 */
export async function startProvinceStandin(
  options: ProvinceStandinOptions,
): Promise<ProvinceStandin> {
  const state = new StandinState(options.dataFile);
  await state.load();
  const secret = Buffer.from(options.secret, 'utf8');

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (err instanceof HttpError)
        return send(res, err.status, { code: err.code, reason: err.reason, ...err.extra });
      send(res, 500, { code: 'INTERNAL', reason: String(err) });
    });
  });
  // Longer than a client's idle keep-alive, so the server never closes a socket the client is
  // about to reuse (that race would look like a dropped connection).
  server.keepAliveTimeout = 30_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://standin');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (req.method === 'POST' && path === '/records') return postRecord(req, res);
    if (req.method === 'GET' && path === '/records') {
      const offset = Math.max(0, parseInt(url.searchParams.get('offset') ?? '', 10) || 0);
      const limit = Math.min(
        Math.max(0, parseInt(url.searchParams.get('limit') ?? '', 10) || 1000),
        10_000,
      );
      return send(res, 200, {
        items: state.accepted.slice(offset, offset + limit),
        total: state.accepted.length,
      });
    }
    if (req.method === 'GET' && path === '/graduates') return send(res, 200, state.graduates());
    const graduate = /^\/graduates\/([^/]+)\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && graduate) {
      const key = graduateKeyOf({
        schoolCode: decodeURIComponent(graduate[1]!),
        studentNo: decodeURIComponent(graduate[2]!),
      });
      const records = state.recordsOf(key);
      if (records.length === 0)
        throw new HttpError(404, 'NOT_FOUND', 'no record for this graduate');
      return send(res, 200, { graduateKey: key, lastSequence: state.lastSequenceOf(key), records });
    }
    if (req.method === 'POST' && path === '/_control') {
      state.faults = { ...state.faults, ...parseFaults(await readJson(req)) };
      return send(res, 200, { faults: state.faults });
    }
    if (req.method === 'GET' && path === '/_control')
      return send(res, 200, { faults: state.faults, stats: state.stats });
    if (req.method === 'POST' && path === '/_reset') {
      state.reset();
      return send(res, 200, { reset: true });
    }
    throw new HttpError(404, 'NOT_FOUND', `no route ${req.method} ${path}`);
  }

  async function postRecord(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    state.stats.requests++;
    const key = peekGraduateKey(raw);
    const { generation } = state;
    if (key !== undefined) {
      if ((state.inHand.get(key) ?? 0) > 0) state.stats.overlappingPerGraduate++;
      state.inHand.set(key, (state.inHand.get(key) ?? 0) + 1);
    }
    try {
      await answerRecord(req, res, raw);
    } catch (err) {
      if (err instanceof HttpError) state.refuse(err.status);
      throw err;
    } finally {
      if (key !== undefined && state.generation === generation)
        state.inHand.set(key, (state.inHand.get(key) ?? 1) - 1);
    }
  }

  async function answerRecord(
    req: IncomingMessage,
    res: ServerResponse,
    raw: Buffer,
  ): Promise<void> {
    const { faults, generation } = state;
    if (faults.delayMs > 0) await new Promise((r) => setTimeout(r, faults.delayMs));
    // Reset while this post waited (a test starting over): it belongs to the world before.
    if (state.generation !== generation) {
      req.socket.destroy();
      return;
    }
    if (state.take('dropConnections')) {
      state.stats.droppedConnections++;
      req.socket.destroy();
      return;
    }
    if (state.take('failFirst') || state.flaky()) {
      throw new HttpError(faults.failStatus, 'INJECTED_FAILURE', 'failure injected by /_control');
    }
    verifySignature(req.headers['x-signature'], raw);
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new HttpError(400, 'MALFORMED_JSON', 'body is not JSON');
    }
    const parsed = dispatchRecordSchema.safeParse(json);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({
        field: i.path.join('.'),
        message: i.message,
      }));
      throw new HttpError(422, 'VALIDATION_FAILED', 'body does not match the contract', {
        details,
      });
    }
    const record = parsed.data;
    const idempotencyKey = req.headers['idempotency-key'];
    if (idempotencyKey !== record.recordId) {
      throw new HttpError(400, 'IDEMPOTENCY_KEY_MISMATCH', 'Idempotency-Key must be the recordId');
    }
    if (state.take('rejectNext'))
      throw new HttpError(422, 'INJECTED_REJECTION', 'rejection injected by /_control');

    const canonical = JSON.stringify(record);
    const seen = state.find(record.recordId);
    if (seen) {
      // A repeat is answered 2xx whatever it carries: the sender may not know the first arrived.
      state.stats.duplicates++;
      if (seen.raw !== canonical) state.stats.duplicatesWithOtherBody++;
      return send(res, 200, { status: 'DUPLICATE', recordId: record.recordId });
    }
    const graduateKey = graduateKeyOf(record);
    const expected = state.lastSequenceOf(graduateKey) + 1;
    if (record.graduateSequence !== expected) {
      const code = record.graduateSequence < expected ? 'SEQUENCE_TAKEN' : 'OUT_OF_ORDER';
      throw new HttpError(
        409,
        code,
        `graduateSequence ${record.graduateSequence} for ${graduateKey}, expected ${expected}`,
        {
          expected,
        },
      );
    }
    state.accept(record, canonical);
    if (state.take('dropResponses')) {
      state.stats.droppedResponses++;
      req.socket.destroy();
      return;
    }
    send(res, 201, {
      status: 'ACCEPTED',
      recordId: record.recordId,
      graduateSequence: record.graduateSequence,
    });
  }

  function verifySignature(header: string | string[] | undefined, raw: Buffer): void {
    if (typeof header !== 'string' || header.length === 0) {
      throw new HttpError(401, 'BAD_SIGNATURE', 'missing X-Signature');
    }
    const expected = createHmac('sha256', secret).update(raw).digest();
    const given = /^[0-9a-fA-F]{64}$/.test(header) ? Buffer.from(header, 'hex') : Buffer.alloc(0);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new HttpError(401, 'BAD_SIGNATURE', 'X-Signature is not the HMAC-SHA256 of the body');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${address.port}`,
    state,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await state.flush();
    },
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY)
      throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `body over ${MAX_BODY} bytes`);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req);
  if (raw.length === 0) return {};
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'MALFORMED_JSON', 'body is not JSON');
  }
}

/** The graduate a post is about, read before any check, only to count overlapping posts. */
function peekGraduateKey(raw: Buffer): string | undefined {
  try {
    const body = JSON.parse(raw.toString('utf8')) as { schoolCode?: unknown; studentNo?: unknown };
    if (typeof body.schoolCode === 'string' && typeof body.studentNo === 'string')
      return graduateKeyOf(body as { schoolCode: string; studentNo: string });
  } catch {
    // not JSON: the checks below answer it
  }
  return undefined;
}

const COUNTED = ['failFirst', 'delayMs', 'dropConnections', 'dropResponses', 'rejectNext'] as const;

function parseFaults(input: unknown): Partial<Faults> {
  if (typeof input !== 'object' || input === null)
    throw new HttpError(400, 'VALIDATION_FAILED', 'expected an object');
  const given = input as Record<string, unknown>;
  const out: Partial<Faults> = {};
  for (const name of COUNTED) {
    if (given[name] === undefined) continue;
    const n = given[name];
    if (!Number.isInteger(n) || (n as number) < 0)
      throw new HttpError(400, 'VALIDATION_FAILED', `${name} must be an integer ≥ 0`);
    out[name] = n as number;
  }
  if (given['failRate'] !== undefined) {
    const r = given['failRate'];
    if (typeof r !== 'number' || !(r >= 0 && r <= 1))
      throw new HttpError(400, 'VALIDATION_FAILED', 'failRate must be a number from 0 to 1');
    out.failRate = r;
  }
  if (given['failStatus'] !== undefined) {
    const s = given['failStatus'];
    if (!Number.isInteger(s) || (s as number) < 400 || (s as number) > 599) {
      throw new HttpError(
        400,
        'VALIDATION_FAILED',
        'failStatus must be an HTTP error status (400-599)',
      );
    }
    out.failStatus = s as number;
  }
  return out;
}
