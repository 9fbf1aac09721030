import { ErrorCode, ServiceError } from '@netsign/contracts';

/** Deeper than any body the API accepts (the deepest, a roster row in `graduates`, is 3). */
export const MAX_JSON_DEPTH = 32;

const NUL = '\u0000';

/**
 * How deeply the JSON text nests arrays and objects, scanned without recursion (and without
 * parsing), stopping as soon as `limit` is passed: a body nested thousands of levels deep is
 * refused before anything that recurses (the parser's prototype-poisoning scan, the validator,
 * the logger's serialiser) sees it.
 */
export function exceedsDepth(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return true;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return false;
}

/**
 * The path of the first string (value or key) holding U+0000, e.g. `graduates[2].name`, or null.
 * PostgreSQL cannot store that character in text, and no field of the API has a use for it.
 * Iterative: the value's depth was bounded before parsing, but nothing here relies on it.
 */
export function findNul(value: unknown): string | null {
  const stack: Array<[unknown, string]> = [[value, '']];
  while (stack.length > 0) {
    const [current, path] = stack.pop()!;
    if (typeof current === 'string') {
      if (current.includes(NUL)) return path || '(body)';
    } else if (Array.isArray(current)) {
      current.forEach((item, i) => stack.push([item, `${path}[${i}]`]));
    } else if (current !== null && typeof current === 'object') {
      for (const [key, item] of Object.entries(current)) {
        const child = path ? `${path}.${key}` : key;
        if (key.includes(NUL)) return child;
        stack.push([item, child]);
      }
    }
  }
  return null;
}

/** 400 VALIDATION_FAILED naming the field that holds a NUL character. */
export function nulRefused(field: string): ServiceError {
  return new ServiceError(ErrorCode.VALIDATION_FAILED, '请求参数包含非法字符', {
    fields: [{ field, message: '不能包含空字符 (U+0000)' }],
  });
}

export function tooDeep(limit: number): ServiceError {
  return new ServiceError(ErrorCode.VALIDATION_FAILED, '请求体嵌套层级过深', {
    reason: 'JSON_TOO_DEEP',
    maxDepth: limit,
  });
}
