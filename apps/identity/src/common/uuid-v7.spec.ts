import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { uuidv7 } from './uuid-v7.js';

describe('uuidv7', () => {
  it('is a valid version-7 UUID, ordered by time, unique', () => {
    const ids = Array.from({ length: 5000 }, (_, i) =>
      uuidv7(1_700_000_000_000 + Math.floor(i / 100)),
    );
    expect(ids.every((id) => z.uuid().safeParse(id).success && id[14] === '7')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(uuidv7(1_700_000_000_000) < uuidv7(1_700_000_000_001)).toBe(true);
  });
});
