import { createHash, randomUUID } from 'node:crypto';
import {
  ErrorCode,
  fileUploadPart,
  ServiceError,
  UPLOAD_PART_BYTES,
  type FileChunk,
  type FileRef,
  type RequestContext,
} from '@netsign/contracts';
import type { BusClient } from '@netsign/messaging/client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { readingMultipart } from '../../common/edge/multipart-errors.js';
import { nulRefused } from '../../common/edge/request-text.js';

/**
 * Files cross the bus in parts: a NATS message holds 1 MiB on this server (max_payload default),
 * a file up to 10 MiB, so the gateway sends parts of 512 KiB (≈ 683 KB base64) and then the
 * command that names them with size and SHA-256; review re-assembles and re-checks. The gateway
 * keeps nothing on disk.
 */
export interface UploadedFile {
  field: string;
  fileName: string;
  bytes: Buffer;
}

export interface MultipartBody {
  fields: Record<string, string>;
  files: UploadedFile[];
}

/** Reads a multipart body; a file over 10 MiB raises Fastify's 413, answered PAYLOAD_TOO_LARGE. */
export async function readMultipart(req: FastifyRequest): Promise<MultipartBody> {
  if (!req.isMultipart()) {
    throw new ServiceError(ErrorCode.VALIDATION_FAILED, '请以 multipart/form-data 上传文件', {
      fields: [{ field: '(body)', message: '须为 multipart/form-data' }],
    });
  }
  const body: MultipartBody = { fields: {}, files: [] };
  await readingMultipart(async () => {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        if (part.filename.includes('\u0000')) throw nulRefused(`${part.fieldname}.fileName`);
        body.files.push({
          field: part.fieldname,
          fileName: part.filename || 'file',
          bytes: await part.toBuffer(),
        });
      } else if (typeof part.value === 'string') {
        if (part.value.includes('\u0000')) throw nulRefused(part.fieldname);
        body.fields[part.fieldname] = part.value;
      }
    }
  });
  return body;
}

export function missing(field: string, message: string): ServiceError {
  return new ServiceError(ErrorCode.VALIDATION_FAILED, message, { fields: [{ field, message }] });
}

export async function sendFile(
  bus: BusClient,
  ctx: RequestContext,
  file: UploadedFile,
): Promise<FileRef> {
  if (file.bytes.length === 0) throw missing(file.field, '文件为空');
  const uploadId = randomUUID();
  let seq = 0;
  for (let offset = 0; offset < file.bytes.length; offset += UPLOAD_PART_BYTES, seq++) {
    const data = file.bytes.subarray(offset, offset + UPLOAD_PART_BYTES).toString('base64');
    await bus.request(fileUploadPart, { uploadId, seq, data }, ctx);
  }
  return {
    uploadId,
    fileName: file.fileName.slice(0, 255),
    parts: seq,
    size: file.bytes.length,
    sha256: createHash('sha256').update(file.bytes).digest('hex'),
  };
}

/** Fetches a stored file part by part and sends it with its type; the hash is checked on the way. */
export async function sendDownload(
  reply: FastifyReply,
  fetchChunk: (seq: number) => Promise<FileChunk>,
): Promise<void> {
  const first = await fetchChunk(0);
  const chunks = [Buffer.from(first.data, 'base64')];
  for (let seq = 1; seq < first.parts; seq++)
    chunks.push(Buffer.from((await fetchChunk(seq)).data, 'base64'));
  const bytes = Buffer.concat(chunks);
  if (createHash('sha256').update(bytes).digest('hex') !== first.sha256) {
    throw new ServiceError(ErrorCode.UPSTREAM_UNAVAILABLE, '文件读取失败，请重试');
  }
  await reply
    .type(first.contentType)
    .header(
      'content-disposition',
      `attachment; filename*=UTF-8''${encodeURIComponent(first.fileName)}`,
    )
    .header('x-content-sha256', first.sha256)
    .header('x-content-type-options', 'nosniff')
    .send(bytes);
}
