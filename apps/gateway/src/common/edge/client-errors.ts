import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ErrorCode, type ErrorBody } from '@netsign/contracts';
import type { FastifyInstance } from 'fastify';

/**
 * Requests Node refuses before Fastify sees them (headers too large, malformed HTTP, a client that
 * stalls) are answered in the contract's shape too: `{code, message, details}`. Fastify's default
 * handler otherwise writes its own `{error, message, statusCode}`. A client's mistake: logged at
 * debug, never as an error.
 */
export function clientErrorHandler(
  this: FastifyInstance,
  err: NodeJS.ErrnoException,
  socket: Socket,
): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, body] = answerFor(err.code);
  this.log.debug({ err: { code: err.code, message: err.message } }, 'client error');
  if (socket.writable) {
    const json = JSON.stringify(body);
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(json)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${json}`,
    );
  }
  socket.destroy(err);
}

function answerFor(code: string | undefined): [number, ErrorBody] {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return [
      431,
      {
        code: ErrorCode.PAYLOAD_TOO_LARGE,
        message: '请求头过大',
        details: { reason: 'HEADERS_TOO_LARGE' },
      },
    ];
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return [
      408,
      {
        code: ErrorCode.VALIDATION_FAILED,
        message: '请求超时',
        details: { reason: 'REQUEST_TIMEOUT' },
      },
    ];
  }
  return [
    400,
    {
      code: ErrorCode.VALIDATION_FAILED,
      message: '请求格式错误',
      details: { reason: code ?? 'BAD_REQUEST' },
    },
  ];
}
