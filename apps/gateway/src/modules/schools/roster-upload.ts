import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  rosterImport,
  rosterUploadPart,
  ServiceError,
  type RequestContext,
  type RosterImportResult,
} from '@netsign/contracts';
import type { BusClient } from '@netsign/messaging/client';
import type { FastifyRequest } from 'fastify';
import { readingMultipart } from '../../common/edge/multipart-errors.js';

type Format = 'csv' | 'xlsx' | 'json';

/** Inline up to this many bytes; beyond, the file goes in parts (a NATS message holds 1 MiB). */
const INLINE_MAX = 450 * 1024;
const PART_SIZE = 384 * 1024;

/** Reads the roster from a multipart `file` or a JSON `{graduates: [...]}` body. */
export async function readRosterUpload(
  req: FastifyRequest,
): Promise<{ format: Format; content: Buffer }> {
  if (req.isMultipart()) {
    const { fileName, content } = await readingMultipart(async () => {
      const file = await req.file();
      if (!file)
        throw new ServiceError(ErrorCode.VALIDATION_FAILED, '缺少文件', {
          fields: [{ field: 'file', message: '缺少文件' }],
        });
      return { fileName: file.filename, content: await file.toBuffer() };
    });
    return { format: sniffFormat(fileName, content), content };
  }
  const graduates = (req.body as { graduates?: unknown } | undefined)?.graduates;
  if (!Array.isArray(graduates)) {
    throw new ServiceError(
      ErrorCode.VALIDATION_FAILED,
      '请上传 CSV/XLSX 文件或提交 {graduates: [...]}',
      {
        fields: [{ field: 'graduates', message: '须为数组' }],
      },
    );
  }
  return { format: 'json', content: Buffer.from(JSON.stringify({ graduates })) };
}

/** XLSX by its ZIP signature; CSV if it is text; anything else (PDF, images…) is refused. */
function sniffFormat(fileName: string, content: Buffer): Format {
  if (content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  const head = content.subarray(0, 4096);
  const binary = head.includes(0) || /\.(pdf|png|jpe?g|xls|docx?)$/i.test(fileName);
  if (binary)
    throw new ServiceError(ErrorCode.UNSUPPORTED_FILE_TYPE, '不支持的文件类型，请上传 CSV 或 XLSX');
  return 'csv';
}

/** Sends the file to identity (in parts if large) and imports it. */
export async function sendRoster(
  bus: BusClient,
  ctx: RequestContext,
  schoolCode: string,
  upload: { format: Format; content: Buffer },
): Promise<RosterImportResult> {
  const timeoutMs = 120_000;
  if (upload.content.length <= INLINE_MAX) {
    const content = upload.content.toString('base64');
    return bus.request(rosterImport, { schoolCode, format: upload.format, content }, ctx, {
      timeoutMs,
    });
  }
  const uploadId = randomUUID();
  let seq = 0;
  for (let offset = 0; offset < upload.content.length; offset += PART_SIZE, seq++) {
    const data = upload.content.subarray(offset, offset + PART_SIZE).toString('base64');
    await bus.request(rosterUploadPart, { schoolCode, uploadId, seq, data }, ctx);
  }
  return bus.request(
    rosterImport,
    { schoolCode, format: upload.format, uploadId, parts: seq },
    ctx,
    { timeoutMs },
  );
}
