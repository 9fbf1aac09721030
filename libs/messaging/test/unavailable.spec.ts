import { describe, expect, it } from '@jest/globals';
import { isUnavailableError } from '../src/rpc/unavailable.js';

describe('isUnavailableError', () => {
  it('recognises a database or socket that is away', () => {
    expect(
      isUnavailableError(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      ),
    ).toBe(true);
    expect(isUnavailableError(new Error('Connection terminated unexpectedly'))).toBe(true);
    // TypeORM wraps the driver's error.
    expect(
      isUnavailableError({
        name: 'QueryFailedError',
        message: 'x',
        driverError: {
          code: '57P01',
          message: 'terminating connection due to administrator command',
        },
      }),
    ).toBe(true);
    expect(
      isUnavailableError({
        message: 'y',
        driverError: { code: '57P03', message: 'the database system is starting up' },
      }),
    ).toBe(true);
    expect(isUnavailableError({ message: 'z', cause: { code: '08006' } })).toBe(true);
    expect(isUnavailableError(new Error('Connection is closed.'))).toBe(true);
  });

  it('leaves everything else to be a 500', () => {
    expect(isUnavailableError(new Error('boom'))).toBe(false);
    expect(isUnavailableError({ message: 'dup', driverError: { code: '23505' } })).toBe(false);
    expect(isUnavailableError(null)).toBe(false);
    expect(isUnavailableError('ECONNREFUSED')).toBe(false);
  });
});
