import type { FileStore } from './file-store.js';
import { sha256Hex, signV4 } from './s3-signature.js';

export interface S3Options {
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/**
 * An S3-compatible store (AWS S3, MinIO, Ceph…) spoken directly over HTTP with Signature V4 and
 * path-style URLs, so no SDK is needed. Selected with STORAGE_DRIVER=s3.
 */
export class S3FileStore implements FileStore {
  constructor(private readonly o: S3Options) {}

  async put(key: string, data: Buffer): Promise<void> {
    const res = await this.send('PUT', key, data, {});
    if (!res.ok) throw new Error(`S3 PUT ${key}: ${res.status} ${await res.text()}`);
  }

  async read(key: string, offset: number, length: number): Promise<Buffer> {
    const res = await this.send('GET', key, null, {
      range: `bytes=${offset}-${offset + length - 1}`,
    });
    if (res.status === 416) return Buffer.alloc(0);
    if (!res.ok) throw new Error(`S3 GET ${key}: ${res.status}`);
    return Buffer.from(await res.arrayBuffer());
  }

  private send(
    method: 'GET' | 'PUT',
    key: string,
    body: Buffer | null,
    extra: Record<string, string>,
  ): Promise<Response> {
    const url = new URL(`${this.o.endpoint.replace(/\/$/, '')}/${this.o.bucket}/${key}`);
    const headers: Record<string, string> = {
      host: url.host,
      'x-amz-content-sha256': sha256Hex(body ?? ''),
      'x-amz-date': new Date()
        .toISOString()
        .replace(/[-:]/g, '')
        .replace(/\.\d{3}/, ''),
      ...extra,
    };
    const authorization = signV4({ method, path: url.pathname, headers, ...this.o });
    const { host: _host, ...sent } = headers;
    return fetch(url, {
      method,
      headers: { ...sent, authorization },
      body: body ? new Uint8Array(body) : undefined,
    });
  }
}
