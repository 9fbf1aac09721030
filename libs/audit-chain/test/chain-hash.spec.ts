import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { canonicalJson, canonicalTime } from '../src/canonical.js';
import {
  CHAIN_FORMAT,
  entryHash,
  GENESIS_HASH,
  nextLink,
  type ChainEntry,
} from '../src/chain-hash.js';
import { leafHash, merkleRoot, type AnchoredHead } from '../src/merkle.js';

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest();

describe('canonicalJson', () => {
  it('sorts object members by key at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('sorts by UTF-16 code units, not by locale', () => {
    expect(canonicalJson({ é: 1, z: 2, Z: 3, '10': 4, '9': 5 })).toBe(
      '{"10":4,"9":5,"Z":3,"z":2,"é":1}',
    );
  });

  it('is what a jsonb column gives back: undefined members dropped, Dates as ISO strings, -0 as 0', () => {
    expect(
      canonicalJson({
        a: undefined,
        b: new Date('2026-05-20T00:00:00.000Z'),
        c: -0,
        d: [undefined],
      }),
    ).toBe('{"b":"2026-05-20T00:00:00.000Z","c":0,"d":[null]}');
    const stored = JSON.parse(JSON.stringify({ y: 1.5, x: '安徽大学', w: 1e21 }));
    expect(canonicalJson(stored)).toBe(canonicalJson({ w: 1e21, x: '安徽大学', y: 1.5 }));
  });

  it('keeps characters as JSON.stringify escapes them', () => {
    expect(canonicalJson(['"\\\n', '𠮷'])).toBe('["\\"\\\\\\n","𠮷"]');
  });

  it('refuses a value with no JSON form', () => {
    expect(() => canonicalJson(undefined)).toThrow(TypeError);
  });
});

describe('canonicalTime', () => {
  it('is UTC with microseconds, as Postgres keeps a timestamptz', () => {
    expect(canonicalTime(new Date('2026-05-20T08:30:00.123+08:00'))).toBe(
      '2026-05-20T00:30:00.123000Z',
    );
  });
});

const entry: ChainEntry = {
  aggregateType: 'agreement',
  aggregateId: 'a-1',
  seq: 1,
  action: 'STATUS_CHANGE',
  actor: { userId: 'u-1', role: 'EMPLOYER' },
  at: '2026-05-20T00:30:00.123000Z',
  payload: { to: 'PENDING_REVIEW', from: null, reason: null },
};

describe('entryHash', () => {
  it('is SHA-256 over the canonical array [format, prev, type, id, seq, action, actor, at, payload]', () => {
    const text =
      `["${CHAIN_FORMAT}","${GENESIS_HASH}","agreement","a-1",1,"STATUS_CHANGE",{"role":"EMPLOYER","userId":"u-1"},` +
      `"2026-05-20T00:30:00.123000Z",{"from":null,"reason":null,"to":"PENDING_REVIEW"}]`;
    expect(entryHash(GENESIS_HASH, entry)).toBe(sha(text).toString('hex'));
  });

  it('changes with every field it covers', () => {
    const base = entryHash(GENESIS_HASH, entry);
    const variants: ChainEntry[] = [
      { ...entry, aggregateType: 'review-task' },
      { ...entry, aggregateId: 'a-2' },
      { ...entry, seq: 2 },
      { ...entry, action: 'STATUS_CHANGED' },
      { ...entry, actor: null },
      { ...entry, actor: { userId: 'u-2', role: 'EMPLOYER' } },
      { ...entry, at: '2026-05-20T00:30:00.123001Z' },
      { ...entry, payload: { to: 'APPROVED', from: null, reason: null } },
    ];
    for (const v of variants) expect(entryHash(GENESIS_HASH, v)).not.toBe(base);
    expect(entryHash('f'.repeat(64), entry)).not.toBe(base);
  });

  it('does not depend on the order of payload members', () => {
    expect(
      entryHash(GENESIS_HASH, {
        ...entry,
        payload: { reason: null, from: null, to: 'PENDING_REVIEW' },
      }),
    ).toBe(entryHash(GENESIS_HASH, entry));
  });

  it('refuses a sequence that is not 1, 2, 3, …', () => {
    expect(() => entryHash(GENESIS_HASH, { ...entry, seq: 0 })).toThrow(RangeError);
    expect(() => entryHash(GENESIS_HASH, { ...entry, seq: 1.5 })).toThrow(RangeError);
  });
});

describe('nextLink', () => {
  it('starts a chain at 1 from the genesis hash and links each entry to the one before', () => {
    const { seq: _seq, ...e } = entry;
    const first = nextLink(null, e);
    expect(first).toEqual({
      seq: 1,
      prevHash: GENESIS_HASH,
      hash: entryHash(GENESIS_HASH, { ...e, seq: 1 }),
    });
    const second = nextLink(first, { ...e, action: 'APPROVED' });
    expect(second).toEqual({
      seq: 2,
      prevHash: first.hash,
      hash: entryHash(first.hash, { ...e, action: 'APPROVED', seq: 2 }),
    });
  });
});

/** RFC 6962 section 2.1, written as the RFC does (split at the largest power of two below n). */
function referenceRoot(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return sha('');
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha(
    Buffer.concat([
      Buffer.from([1]),
      referenceRoot(leaves.slice(0, k)),
      referenceRoot(leaves.slice(k)),
    ]),
  );
}

const head = (i: number): AnchoredHead => ({
  aggregateType: i % 2 ? 'agreement' : 'graduate',
  aggregateId: `id-${String(i).padStart(3, '0')}`,
  seq: i + 1,
  hash: sha(String(i)).toString('hex'),
});

describe('merkleRoot', () => {
  it('is the RFC 6962 tree hash for every size from 0 to 33', () => {
    for (let n = 0; n <= 33; n++) {
      const heads = Array.from({ length: n }, (_, i) => head(i));
      const sorted = [...heads].sort((a, b) =>
        a.aggregateType + a.aggregateId < b.aggregateType + b.aggregateId ? -1 : 1,
      );
      expect(merkleRoot(heads)).toBe(referenceRoot(sorted.map(leafHash)).toString('hex'));
    }
  });

  it('hashes a leaf as SHA-256(0x00 ‖ canonical [type, id, seq, hash])', () => {
    const h = head(1);
    expect(leafHash(h).toString('hex')).toBe(
      sha(
        Buffer.concat([Buffer.from([0]), Buffer.from(`["agreement","id-001",2,"${h.hash}"]`)]),
      ).toString('hex'),
    );
  });

  it('does not depend on the order heads are given in, and changes with any head', () => {
    const heads = Array.from({ length: 7 }, (_, i) => head(i));
    const root = merkleRoot(heads);
    expect(merkleRoot([...heads].reverse())).toBe(root);
    expect(merkleRoot(heads.map((h, i) => (i === 3 ? { ...h, seq: h.seq + 1 } : h)))).not.toBe(
      root,
    );
    expect(merkleRoot(heads.map((h, i) => (i === 5 ? { ...h, hash: GENESIS_HASH } : h)))).not.toBe(
      root,
    );
    expect(merkleRoot(heads.slice(1))).not.toBe(root);
  });

  it('is SHA-256 of nothing for no chains', () => {
    expect(merkleRoot([])).toBe(sha('').toString('hex'));
  });
});
