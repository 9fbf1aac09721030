import { createHash, createHmac } from 'node:crypto';

export const sha256Hex = (data: string | Uint8Array) =>
  createHash('sha256').update(data).digest('hex');
const hmac = (key: string | Buffer, data: string) =>
  createHmac('sha256', key).update(data).digest();

export interface SignInput {
  method: string;
  /** Already URI-encoded path, e.g. `/bucket/sha256/ab/abcd`. */
  path: string;
  /** Lower-case names; must include `host`, `x-amz-content-sha256` and `x-amz-date`. */
  headers: Record<string, string>;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
}

/** AWS Signature Version 4 for S3 (no query string): the Authorization header value. Pure. */
export function signV4(input: SignInput): string {
  const amzDate = input.headers['x-amz-date']!;
  const day = amzDate.slice(0, 8);
  const names = Object.keys(input.headers).sort();
  const canonical = [
    input.method,
    input.path,
    '',
    names.map((n) => `${n}:${input.headers[n]!.trim()}\n`).join(''),
    names.join(';'),
    input.headers['x-amz-content-sha256']!,
  ].join('\n');
  const scope = `${day}/${input.region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonical)].join('\n');
  let key: Buffer = hmac(`AWS4${input.secretAccessKey}`, day);
  for (const part of [input.region, 's3', 'aws4_request']) key = hmac(key, part);
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return `AWS4-HMAC-SHA256 Credential=${input.accessKeyId}/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`;
}
