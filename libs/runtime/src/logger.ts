import type { LoggerService } from '@nestjs/common';
import { pino, type DestinationStream, type Logger as PinoLogger, type LoggerOptions } from 'pino';
import { currentRequestContext } from '@netsign/messaging/client';

/** Personal data never reaches a log line, whatever object is logged. */
export const REDACT_PATHS = [
  'idNumber',
  '*.idNumber',
  '*.*.idNumber',
  'password',
  '*.password',
  '*.*.password',
  'req.headers.authorization',
  'req.headers.cookie',
  'accessToken',
  '*.accessToken',
];

/** `destination`: stdout unless given (tests read what a process logs). */
export function createPino(
  name: string,
  level: string,
  extra: LoggerOptions = {},
  destination?: DestinationStream,
): PinoLogger {
  const options: LoggerOptions = {
    name,
    level,
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    // Every line written while handling a request or an event carries its correlation id.
    mixin: () => {
      const ctx = currentRequestContext();
      return ctx ? { correlationId: ctx.correlationId } : {};
    },
    ...extra,
  };
  return destination ? pino(options, destination) : pino(options);
}

type Level = 'info' | 'error' | 'warn' | 'debug' | 'trace' | 'fatal';

/** Nest's LoggerService on top of pino, for services without an HTTP layer. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly pino: PinoLogger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const rest = [...params];
    // Nest passes the logger's context as the last argument.
    const context =
      rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? rest.pop() : undefined;
    const text = rest.filter((p) => typeof p === 'string').join(' ') || undefined;
    if (message instanceof Error) {
      this.pino[level]({ context, err: message }, text ?? message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.pino[level]({ context, ...(message as object) }, text);
    } else if (level === 'error' && text) {
      // Nest's error(message, stack, context)
      this.pino[level]({ context, stack: text }, String(message));
    } else {
      this.pino[level]({ context }, String(message));
    }
  }
}
