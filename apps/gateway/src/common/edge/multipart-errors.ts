import { ErrorCode, ServiceError } from '@netsign/contracts';

/**
 * Reads a multipart body, turning what the multipart parser throws on a malformed body (missing,
 * mismatched or truncated boundary: "Unexpected end of form", "Boundary not found", "Malformed
 * part header") into 400 VALIDATION_FAILED. Errors that already carry a status (a file over the
 * size limit: 413) or are ours pass unchanged.
 */
export async function readingMultipart<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (
      err instanceof ServiceError ||
      typeof (err as { statusCode?: unknown }).statusCode === 'number'
    )
      throw err;
    throw new ServiceError(ErrorCode.VALIDATION_FAILED, '上传内容格式错误，请重新选择文件上传', {
      fields: [{ field: '(body)', message: 'multipart/form-data 格式不完整' }],
      reason: (err as Error).message,
    });
  }
}
