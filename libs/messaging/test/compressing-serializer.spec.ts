import { describe, expect, it } from '@jest/globals';
import {
  COMPRESS_ABOVE_BYTES,
  CompressingNatsSerializer,
  decodeReply,
  ENCODING_HEADER,
} from '../src/rpc/compressing-serializer.js';

describe('CompressingNatsSerializer', () => {
  const serializer = new CompressingNatsSerializer();
  const decode = (out: { data: string | Uint8Array; headers: any }) =>
    decodeReply(typeof out.data === 'string' ? Buffer.from(out.data) : out.data, out.headers);

  it('leaves small replies as plain JSON', () => {
    const out = serializer.serialize({ id: '1', response: { ok: true } });
    expect(typeof out.data).toBe('string');
    expect(out.headers).toBeUndefined();
    expect(decode(out)).toEqual({ id: '1', response: { ok: true } });
  });

  it('gzips large replies far below the NATS payload limit and restores them exactly', () => {
    const schools = Array.from({ length: 200 }, (_, s) => ({
      schoolCode: `S${s}`,
      departments: Array.from({ length: 20 }, (_, d) => ({
        departmentCode: `D${d}`,
        graduates: s * d,
        onlineShare: 0.5,
      })),
    }));
    const packet = { id: '2', response: { schools }, isDisposed: true };
    const out = serializer.serialize(packet);
    expect(JSON.stringify(packet).length).toBeGreaterThan(COMPRESS_ABOVE_BYTES);
    expect(out.headers?.get(ENCODING_HEADER)).toBe('gzip');
    expect((out.data as Uint8Array).length).toBeLessThan(JSON.stringify(packet).length / 5);
    expect(decode(out)).toEqual(packet);
  });
});
