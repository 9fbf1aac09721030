import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { get as httpGet, type IncomingHttpHeaders } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerCompression } from '../src/common/compression.js';

/**
 * The gateway's compression settings on a bare Fastify: JSON and text are compressed when the
 * client allows it; files (PDFs, images, octet-stream) leave byte for byte as they are.
 */
describe('response compression', () => {
  let app: FastifyInstance;
  let url: string;
  const big = {
    items: Array.from({ length: 400 }, (_, i) => ({
      schoolCode: `S${i}`,
      schoolName: `学校${i}`,
      onlineShare: i / 400,
    })),
  };
  // Bytes that start like a zlib stream, which the plugin would otherwise take as already compressed.
  const binary = Buffer.concat([Buffer.from([0x78, 0x9c]), Buffer.alloc(8192, 7)]);
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(8192, 32)]);

  beforeAll(async () => {
    app = Fastify();
    await registerCompression(app);
    app.get('/json', async () => big);
    app.get('/small', async () => ({ ok: true }));
    app.get('/text', async (_req, reply) =>
      reply.type('text/plain; version=0.0.4').send('# HELP x\n'.repeat(500)),
    );
    app.get('/pdf', async (_req, reply) => reply.type('application/pdf').send(pdf));
    app.get('/png', async (_req, reply) => reply.type('image/png').send(binary));
    app.get('/bytes', async (_req, reply) => reply.type('application/octet-stream').send(binary));
    url = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await app.close();
  });

  // node:http, not fetch: fetch would decode the body and hide what went over the wire.
  const get = (path: string, acceptEncoding?: string) =>
    new Promise<{ headers: IncomingHttpHeaders; rawPayload: Buffer; json(): unknown }>(
      (resolve, reject) => {
        httpGet(
          `${url}${path}`,
          { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const rawPayload = Buffer.concat(chunks);
              resolve({
                headers: res.headers,
                rawPayload,
                json: () => JSON.parse(rawPayload.toString()),
              });
            });
            res.on('error', reject);
          },
        ).on('error', reject);
      },
    );

  it('compresses large JSON with gzip or brotli as the client accepts, and not without Accept-Encoding', async () => {
    const gzip = await get('/json', 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gzip.headers['vary']).toMatch(/accept-encoding/i);
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString())).toEqual(big);

    const br = await get('/json', 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(big);

    const plain = await get('/json');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.json()).toEqual(big);

    // deflate alone is not offered: sent as is.
    expect((await get('/json', 'deflate')).headers['content-encoding']).toBeUndefined();
  });

  it('leaves small answers alone and compresses Prometheus text', async () => {
    const small = await get('/small', 'gzip');
    expect(small.headers['content-encoding']).toBeUndefined();
    expect(small.json()).toEqual({ ok: true });
    const text = await get('/text', 'gzip');
    expect(text.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(text.rawPayload).toString()).toBe('# HELP x\n'.repeat(500));
  });

  it('sends PDFs, images and octet-streams unchanged', async () => {
    for (const [url, bytes] of [
      ['/pdf', pdf],
      ['/png', binary],
      ['/bytes', binary],
    ] as const) {
      const res = await get(url, 'gzip, deflate, br');
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.rawPayload.equals(bytes)).toBe(true);
    }
  });
});
