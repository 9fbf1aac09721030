import { gunzipSync, gzipSync } from 'node:zlib';
import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';
import type { Serializer } from '@nestjs/microservices';

/** Replies above this size travel gzipped: NATS refuses messages over max_payload (1 MB default). */
export const COMPRESS_ABOVE_BYTES = 64 * 1024;
export const ENCODING_HEADER = 'x-content-encoding';

/**
 * Nest's NATS reply serializer, gzipping large replies (statistics of every school, long lists).
 * JSON of repeated shapes shrinks about tenfold, which keeps replies far below NATS's limit.
 */
export class CompressingNatsSerializer implements Serializer {
  serialize(packet: unknown): { data: string | Uint8Array; headers: MsgHdrs | undefined } {
    // Our handlers return plain values (never Nest's NatsRecord), so the packet is plain JSON.
    const data = JSON.stringify(packet);
    if (data.length < COMPRESS_ABOVE_BYTES) return { data, headers: undefined };
    const headers = natsHeaders();
    headers.set(ENCODING_HEADER, 'gzip');
    return { data: gzipSync(data, { level: 1 }), headers };
  }
}

export function decodeReply(data: Uint8Array, headers: MsgHdrs | undefined): unknown {
  const raw = headers?.get(ENCODING_HEADER) === 'gzip' ? gunzipSync(data) : Buffer.from(data);
  return JSON.parse(raw.toString('utf8'));
}
