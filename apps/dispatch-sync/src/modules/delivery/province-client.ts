import { createHmac } from 'node:crypto';
import { maskIdNumber } from '@netsign/contracts';
import {
  isDestinationContent,
  type DispatchKind,
  type DispatchRecordContent,
} from './dispatch-record.js';
import { classifyStatus, parseRetryAfter, type AttemptResult } from './retry-policy.js';

export interface ProvinceClientOptions {
  /** PROVINCE_DISPATCH_URL; records go to `<url>/records`. */
  url: string;
  /** PROVINCE_DISPATCH_SECRET */
  secret: string;
  requestTimeoutMs: number;
  resolveTimeoutMs: number;
  /** Identity's answer for one graduate; the only place the full ID number comes from. */
  resolveIdNumber: (graduateId: string) => Promise<string>;
}

export interface OutboundRecord {
  id: string;
  graduateId: string;
  graduateSequence: number;
  kind: DispatchKind;
  body: DispatchRecordContent;
}

/** Longest answer kept for operators; provinces sometimes answer with an HTML error page. */
const MAX_KEPT_ANSWER = 4096;

/** The body in API.md's field order. Same record, same bytes: a resend is a true repeat. */
export function provinceBody(record: OutboundRecord, idNumber: string): Record<string, unknown> {
  const c = record.body;
  const graduate = {
    recordId: record.id,
    graduateSequence: record.graduateSequence,
    kind: record.kind,
    schoolCode: c.schoolCode,
    studentNo: c.studentNo,
    name: c.name,
    idNumber,
  };
  // Decision 0007: a destination without an agreement has no agreement fields.
  if (isDestinationContent(c))
    return {
      ...graduate,
      destination: c.destination,
      destinationCode: c.destinationCode,
      occurredAt: c.occurredAt,
    };
  return {
    ...graduate,
    agreementNo: c.agreementNo,
    signingMethod: c.signingMethod,
    employer: c.employer,
    position: c.position,
    superiorAuthority: c.superiorAuthority,
    occurredAt: c.occurredAt,
    // Added by issue 18 (docs/standard-codes.md); left out of older records, whose bytes stay the same.
    ...(c.destinationCode ? { destinationCode: c.destinationCode } : {}),
  };
}

export function signBody(raw: Uint8Array, secret: string): string {
  return createHmac('sha256', secret).update(raw).digest('hex');
}

/**
 * One attempt: resolve the ID number, sign the exact bytes sent, POST with a timeout, classify.
 * The ID number lives only in this call's locals and the request; an answer that echoes it is
 * masked before anything keeps it. `halt` aborts at once (the process is going away).
 */
export async function sendRecord(
  options: ProvinceClientOptions,
  record: OutboundRecord,
  halt: AbortSignal,
): Promise<AttemptResult> {
  let idNumber: string;
  try {
    idNumber = await withTimeout(
      options.resolveIdNumber(record.graduateId),
      options.resolveTimeoutMs,
    );
    if (typeof idNumber !== 'string' || idNumber.length === 0) throw new Error('empty answer');
  } catch (err) {
    return { result: 'retryable', error: `ID number not available: ${(err as Error).message}` };
  }
  const raw = Buffer.from(JSON.stringify(provinceBody(record, idNumber)), 'utf8');
  const signal = AbortSignal.any([halt, AbortSignal.timeout(options.requestTimeoutMs)]);
  let status: number;
  let text: string;
  let retryAfter: string | null;
  try {
    const res = await fetch(recordsUrl(options.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'idempotency-key': record.id,
        'x-signature': signBody(raw, options.secret),
      },
      body: raw,
      redirect: 'manual',
      signal,
    });
    status = res.status;
    retryAfter = res.headers.get('retry-after');
    text = await res.text();
  } catch (err) {
    if (halt.aborted) throw err;
    return { result: 'retryable', error: describeFailure(err, options.requestTimeoutMs) };
  }
  const response = readAnswer(text.split(idNumber).join(maskIdNumber(idNumber)));
  const kind = classifyStatus(status);
  if (kind === 'accepted') return { result: 'accepted', status, response };
  const error = `HTTP ${status}: ${reasonOf(response)}`;
  if (kind === 'rejected') return { result: 'rejected', status, response, error };
  return {
    result: 'retryable',
    status,
    response,
    error,
    retryAfterMs: parseRetryAfter(retryAfter),
  };
}

function recordsUrl(base: string): string {
  return provinceUrl(base, 'records');
}

function provinceUrl(base: string, path: string): string {
  return new URL(path, base.endsWith('/') ? base : `${base}/`).toString();
}

/**
 * The last sequence the province acknowledged per graduate key, where it offers them
 * (`GET /graduates`, as the bundled stand-in does). Throws when it does not answer with them.
 */
export async function acknowledgedSequences(
  base: string,
  timeoutMs: number,
): Promise<Map<string, number>> {
  const res = await fetch(provinceUrl(base, 'graduates'), {
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const rows = (await res.json()) as Array<{ graduateKey: string; lastSequence: number }>;
  if (!Array.isArray(rows)) throw new Error('not a list of graduates');
  return new Map(rows.map((r) => [r.graduateKey, r.lastSequence]));
}

function readAnswer(text: string): unknown {
  const kept = text.length > MAX_KEPT_ANSWER ? `${text.slice(0, MAX_KEPT_ANSWER)}…` : text;
  try {
    return JSON.parse(kept) as unknown;
  } catch {
    return kept;
  }
}

function reasonOf(response: unknown): string {
  if (typeof response === 'object' && response !== null) {
    const r = response as Record<string, unknown>;
    const parts = [r['code'], r['reason'] ?? r['message']].filter((p) => typeof p === 'string');
    if (parts.length > 0) return parts.join(' ');
  }
  return String(typeof response === 'string' ? response : JSON.stringify(response)).slice(0, 200);
}

function describeFailure(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const cause = e.cause?.code ?? e.cause?.message;
  return `no answer: ${cause ?? e.message ?? String(err)}`;
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
    promise.catch(() => undefined);
  }
}
