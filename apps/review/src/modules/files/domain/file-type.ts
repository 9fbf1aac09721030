import { createHash } from 'node:crypto';
import {
  ErrorCode,
  MAX_UPLOAD_BYTES,
  ServiceError,
  type AcceptedFileType,
  type FileRef,
} from '@netsign/contracts';

/**
 * Recognises the three accepted types by their magic numbers, never by name or declared type:
 * a program renamed `.pdf` starts with `MZ` or `\x7fELF` and is refused.
 */
const SIGNATURES: Array<{ type: AcceptedFileType; bytes: number[] }> = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
];

export function sniffFileType(head: Uint8Array): AcceptedFileType | null {
  for (const { type, bytes } of SIGNATURES) {
    if (head.length >= bytes.length && bytes.every((b, i) => head[i] === b)) return type;
  }
  return null;
}

export function unsupportedFileType(fileName?: string): ServiceError {
  return new ServiceError(
    ErrorCode.UNSUPPORTED_FILE_TYPE,
    undefined,
    fileName ? { fileName } : undefined,
  );
}

export function tooLarge(fileName?: string): ServiceError {
  return new ServiceError(ErrorCode.PAYLOAD_TOO_LARGE, '文件过大，单个文件不能超过 10 MB', {
    maxBytes: MAX_UPLOAD_BYTES,
    ...(fileName ? { fileName } : {}),
  });
}

export interface CheckedFile {
  contentType: AcceptedFileType;
  size: number;
  sha256: string;
}

/**
 * Checks an assembled upload against what the uploader declared: size limit, every part present,
 * same length and SHA-256 (nothing lost or altered on the way), and an accepted type.
 */
export function checkAssembledFile(
  ref: FileRef,
  receivedParts: number,
  bytes: Buffer,
): CheckedFile {
  if (bytes.length > MAX_UPLOAD_BYTES || ref.size > MAX_UPLOAD_BYTES) throw tooLarge(ref.fileName);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (receivedParts !== ref.parts || bytes.length !== ref.size || sha256 !== ref.sha256) {
    throw new ServiceError(ErrorCode.VALIDATION_FAILED, '文件上传不完整，请重新上传', {
      fields: [{ field: 'file', message: '文件内容与声明的大小或摘要不一致' }],
    });
  }
  const contentType = sniffFileType(bytes);
  if (!contentType) throw unsupportedFileType(ref.fileName);
  return { contentType, size: bytes.length, sha256 };
}
