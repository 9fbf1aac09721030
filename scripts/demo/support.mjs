// Helpers of `npm run demo` (scripts/demo.mjs): an HTTP client for the gateway, valid test
// identities (GB 11643 ID numbers, GB 32100 credit codes), polling and printing. Plain Node ESM.

/** Fails the demo with what was asked and what came back. */
export class DemoError extends Error {}

export function client(baseUrl) {
  async function call(method, path, { token, body, form, expect = [200, 201], raw = false } = {}) {
    const headers = {};
    if (token) headers.authorization = `Bearer ${token}`;
    let payload;
    if (form) payload = form;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    let res;
    try {
      res = await fetch(`${baseUrl}${path}`, { method, headers, body: payload });
    } catch (err) {
      throw new DemoError(
        `${method} ${baseUrl}${path}: no answer (${err.cause?.code ?? err.message}). Is the system running (npm start)?`,
      );
    }
    if (raw) return res;
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    if (!expect.includes(res.status)) {
      throw new DemoError(
        `${method} ${path} → ${res.status} ${typeof json === 'string' ? json.slice(0, 300) : JSON.stringify(json)}`,
      );
    }
    return json;
  }
  return {
    get: (path, opts) => call('GET', path, opts),
    post: (path, body, opts = {}) => call('POST', path, { ...opts, body }),
    put: (path, body, opts = {}) => call('PUT', path, { ...opts, body }),
    del: (path, opts) => call('DELETE', path, opts),
    upload: (path, form, opts = {}) => call('POST', path, { ...opts, form }),
    raw: (method, path, opts = {}) => call(method, path, { ...opts, raw: true }),
  };
}

/** Retries `check` until it gives a value (not undefined/false) or `timeoutMs` passes. */
export async function poll(what, check, { timeoutMs = 60_000, intervalMs = 300 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new DemoError(
        `waited ${timeoutMs / 1000} s for ${what}${last ? `: ${last.message}` : ''}`,
      );
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A valid mainland ID number (GB 11643): Hefei address code, a 2003 birth date, a sequence. */
export function idNumber(seed) {
  const month = String(1 + (seed % 12)).padStart(2, '0');
  const day = String(1 + (Math.floor(seed / 12) % 28)).padStart(2, '0');
  const first17 = `340104${2003}${month}${day}${String(seed % 1000).padStart(3, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return first17 + '10X98765432'[sum % 11];
}

const CC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
/** A valid unified social credit code (GB 32100, with a GB 11714 organisation code inside). */
export function creditCode(seed) {
  const body8 = `MA${String(seed % 1_000_000).padStart(6, '0')}`;
  let orgSum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8[i];
    orgSum += (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55) * ORG_WEIGHTS[i];
  }
  const orgCheck = 11 - (orgSum % 11);
  const first17 = `91340100${body8}${orgCheck === 10 ? 'X' : orgCheck === 11 ? '0' : String(orgCheck)}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CC_ALPHABET.indexOf(first17[i]) * CC_WEIGHTS[i];
  return first17 + CC_ALPHABET[(31 - (sum % 31)) % 31];
}

/** A small valid PDF-looking file (uploads are recognised by content: `%PDF-`). */
export function pdfFile(title) {
  return new Blob(
    [
      `%PDF-1.7\n% ${title}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
    ],
    { type: 'application/pdf' },
  );
}

let stepNo = 0;
/** One step of the story, in Chinese and English. */
export function step(zh, en) {
  stepNo += 1;
  console.log(`\n${String(stepNo).padStart(2, ' ')}. ${zh}\n    ${en}`);
}
export function detail(text) {
  console.log(`    · ${text}`);
}
