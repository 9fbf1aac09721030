import fc from 'fast-check';

/**
 * Request generators for fuzzing the gateway from its own OpenAPI document: a body that fits an
 * operation's schema, then bent — wrong types, missing and extra fields, huge and rare-CJK strings,
 * bad path parameters, wrong content types, malformed bodies.
 */
export interface OpenApiDoc {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, Schema> };
}
export interface OpenApiOperation {
  parameters?: Array<{
    name: string;
    in: 'path' | 'query' | 'header';
    required?: boolean;
    schema?: Schema;
  }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
}
export interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

export interface Operation {
  method: string;
  path: string; // OpenAPI form, /api/agreements/{agreementId}
  op: OpenApiOperation;
}

/** What one generated request is. */
export interface FuzzRequest {
  kind: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | FormData;
}

export function operationsOf(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (['get', 'post', 'put', 'patch', 'delete'].includes(method))
        ops.push({ method: method.toUpperCase(), path, op });
    }
  }
  return ops;
}

/** Rare characters: CJK extension B (surrogate pairs), 䶮, combining marks, emoji, right-to-left, zero-width. */
const RARE = [
  '𠮷',
  '䶮',
  '喆',
  '堃',
  '𪚥',
  '𰻝',
  '\u0301',
  '\u200b',
  '\u202e',
  '🙂',
  '\uFEFF',
  'Ａ',
  '﹏',
];
export const rareCjk = fc
  .array(
    fc.oneof(
      fc.constantFrom(...RARE),
      fc.integer({ min: 0x20000, max: 0x2a6df }).map((c) => String.fromCodePoint(c)),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));
export const hugeString = fc
  .tuple(fc.constantFrom('𠮷', '张', 'a', '"'), fc.integer({ min: 20_000, max: 400_000 }))
  .map(([c, n]) => c.repeat(n));
const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.constant(Number.MAX_SAFE_INTEGER),
  fc.constant(-1),
  fc.string(),
  rareCjk,
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.constant('1e309'),
  fc.constant("' OR 1=1 --"),
);
const badParam = fc.oneof(
  fc.constantFrom(
    '',
    '..',
    '%2e%2e',
    '%2F',
    '-1',
    '0',
    '1e309',
    'null',
    'undefined',
    "'%20OR%201=1--",
    '%E4%B8%AD',
    '%F0%A0%AE%B7',
    '%ZZ',
    'x'.repeat(700),
  ),
  fc.uuid(),
  fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent),
  rareCjk.filter((s) => s.length > 0).map(encodeURIComponent),
);

function resolve(doc: OpenApiDoc, schema: Schema | undefined): Schema {
  let s = schema ?? {};
  for (let i = 0; s.$ref && i < 10; i++)
    s = doc.components?.schemas?.[s.$ref.split('/').pop()!] ?? {};
  if (s.allOf?.length) return resolve(doc, s.allOf[0]);
  if (s.oneOf?.length) return resolve(doc, s.oneOf[0]);
  if (s.anyOf?.length) return resolve(doc, s.anyOf.find((x) => x.type !== 'null') ?? s.anyOf[0]);
  return s;
}

/** A value that fits the schema (what a careful client sends), depth-bounded. */
export function valueOf(
  doc: OpenApiDoc,
  schema: Schema | undefined,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (depth > 4) return fc.constant(null);
  switch (type ?? (s.properties ? 'object' : 'string')) {
    case 'integer':
      return fc.integer({ min: s.minimum ?? 0, max: Math.min(s.maximum ?? 100, 1_000_000) });
    case 'number':
      return fc.double({ min: s.minimum ?? 0, max: s.maximum ?? 100_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(valueOf(doc, s.items, depth + 1), { maxLength: 3 });
    case 'object': {
      const props = Object.entries(s.properties ?? {});
      return fc.record(Object.fromEntries(props.map(([k, v]) => [k, valueOf(doc, v, depth + 1)])), {
        requiredKeys: (s.required ?? []).filter((k) => s.properties?.[k]),
      });
    }
    default:
      if (s.format === 'uuid') return fc.uuid();
      if (s.format === 'date-time')
        return fc
          .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
          .map((d) => d.toISOString());
      if (s.format === 'binary') return fc.constant('binary');
      return fc.oneof(
        fc.string({ minLength: 1, maxLength: Math.min(s.maxLength ?? 20, 20) }),
        rareCjk,
      );
  }
}

/** Bends a valid object body: a field of the wrong type, a required field dropped, fields added, huge or rare strings. */
function bend(
  doc: OpenApiDoc,
  schema: Schema | undefined,
  body: unknown,
): fc.Arbitrary<{ kind: string; value: unknown }> {
  const s = resolve(doc, schema);
  const keys = Object.keys(s.properties ?? {});
  const obj =
    body && typeof body === 'object' && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : {};
  const pick = keys.length ? fc.constantFrom(...keys) : fc.constant('x');
  return fc.oneof(
    fc.constant({ kind: 'valid', value: body }),
    fc.tuple(pick, weirdValue).map(([k, v]) => ({ kind: 'wrong-type', value: { ...obj, [k]: v } })),
    fc.constant({
      kind: 'missing-fields',
      value: Object.fromEntries(
        Object.entries(obj).filter(([k]) => !(s.required ?? []).includes(k)),
      ),
    }),
    fc
      .dictionary(fc.string({ minLength: 1, maxLength: 12 }), weirdValue, {
        minKeys: 1,
        maxKeys: 4,
      })
      .map((extra) => ({
        kind: 'extra-fields',
        value: { ...extra, ...obj, __proto__x: 1, constructor: 'x' },
      })),
    fc
      .tuple(pick, hugeString)
      .map(([k, v]) => ({ kind: 'huge-string', value: { ...obj, [k]: v } })),
    fc.tuple(pick, rareCjk).map(([k, v]) => ({ kind: 'rare-cjk', value: { ...obj, [k]: v } })),
    weirdValue.map((v) => ({ kind: 'not-an-object', value: v })),
  );
}

/** Path and query: real values where the test knows them, else bad ones. */
function pathOf(
  op: Operation,
  known: Record<string, string[]>,
): fc.Arbitrary<{ path: string; bad: boolean }> {
  const names = [...op.path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  const queries = (op.op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
  const paramArb = (name: string) =>
    fc.oneof(
      {
        arbitrary: fc.constantFrom(...(known[name] ?? ['00000000-0000-4000-8000-000000000000'])),
        weight: 2,
      },
      { arbitrary: badParam.map((v) => `!${v}`), weight: 1 },
    );
  return fc
    .tuple(
      fc.tuple(...names.map(paramArb), fc.constant('')),
      fc.subarray(queries),
      fc.array(
        fc.oneof(badParam, fc.constantFrom('1', '0', '-5', '999999999', 'PENDING', 'true')),
        { minLength: queries.length, maxLength: queries.length },
      ),
    )
    .map(([values, qs, qv]) => {
      let bad = false;
      let path = op.path;
      names.forEach((n, i) => {
        let v = values[i] as string;
        if (v.startsWith('!')) {
          bad = true;
          v = v.slice(1);
        }
        path = path.replace(`{${n}}`, v);
      });
      const query = qs
        .map((q, i) => `${encodeURIComponent(q)}=${encodeURIComponent(qv[i] ?? '')}`)
        .join('&');
      return { path: query ? `${path}?${query}` : path, bad };
    });
}

const JSON_TYPE = { 'content-type': 'application/json' };
export function requestOf(
  doc: OpenApiDoc,
  op: Operation,
  known: Record<string, string[]>,
  options: { issue12: boolean },
): fc.Arbitrary<FuzzRequest> {
  const content = op.op.requestBody?.content ?? {};
  const jsonSchema = content['application/json']?.schema;
  const multipart = content['multipart/form-data']?.schema;
  const body: fc.Arbitrary<{
    kind: string;
    headers: Record<string, string>;
    body?: FuzzRequest['body'];
  }> = jsonSchema
    ? valueOf(doc, jsonSchema).chain((valid) =>
        fc.oneof(
          {
            arbitrary: bend(doc, jsonSchema, valid).map(({ kind, value }) => ({
              kind,
              headers: JSON_TYPE,
              body: JSON.stringify(value),
            })),
            weight: 6,
          },
          {
            arbitrary: fc
              .constantFrom(
                'text/plain',
                'application/xml',
                'application/x-www-form-urlencoded',
                'application/json; charset=gbk',
              )
              .map((t) => ({
                kind: 'wrong-content-type',
                headers: { 'content-type': t },
                body: JSON.stringify(valid),
              })),
            weight: 1,
          },
          {
            arbitrary: fc
              .constantFrom('{', '{"a":', '[1,2', '"unterminated', '{"a":1}}', '\u00ff\u00fe')
              .map((b) => ({ kind: 'malformed-json', headers: JSON_TYPE, body: b })),
            weight: 1,
          },
          ...(options.issue12
            ? [
                {
                  arbitrary: fc.constant({
                    kind: 'nul-bytes',
                    headers: JSON_TYPE,
                    body: JSON.stringify(
                      Object.fromEntries(
                        Object.keys(resolve(doc, jsonSchema).properties ?? { x: 1 }).map((k) => [
                          k,
                          'a\u0000b',
                        ]),
                      ),
                    ),
                  }),
                  weight: 1,
                },
                {
                  arbitrary: fc.integer({ min: 1_000, max: 20_000 }).map((n) => ({
                    kind: 'deep-nesting',
                    headers: JSON_TYPE,
                    body: '['.repeat(n) + ']'.repeat(n),
                  })),
                  weight: 1,
                },
              ]
            : []),
        ),
      )
    : multipart
      ? multipartBody(doc, multipart, options)
      : fc.oneof(
          fc.constant({ kind: 'no-body', headers: {} as Record<string, string>, body: undefined }),
          fc.constant({
            kind: 'unexpected-body',
            headers: JSON_TYPE,
            body: JSON.stringify({ unexpected: '𠮷'.repeat(50) }),
          }),
        );
  return fc.tuple(pathOf(op, known), body).map(([p, b]) => ({
    kind: p.bad ? `bad-path-param/${b.kind}` : b.kind,
    path: p.path,
    headers: b.headers,
    body: b.body,
  }));
}

function multipartBody(doc: OpenApiDoc, schema: Schema, options: { issue12: boolean }) {
  const s = resolve(doc, schema);
  const fileFields = Object.entries(s.properties ?? {})
    .filter(([, v]) => v.format === 'binary' || resolve(doc, v.items).format === 'binary')
    .map(([k]) => k);
  const textFields = Object.keys(s.properties ?? {}).filter((k) => !fileFields.includes(k));
  const fileBytes = fc.oneof(
    fc.constant(Buffer.from('%PDF-1.7\n%%EOF\n')),
    fc.constant(Buffer.from('MZ\x90\x00 program')),
    fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a)),
    fc.constant(Buffer.from([0xff, 0xd8, 0xff, 0xe0])),
    fc.constant(Buffer.alloc(0)),
  );
  const formArb = fc
    .tuple(
      fc.subarray(textFields),
      fc.array(
        fc.oneof(
          fc.uuid(),
          rareCjk,
          fc.string(),
          hugeString.map((h) => h.slice(0, 50_000)),
        ),
        { minLength: textFields.length, maxLength: textFields.length },
      ),
      fc.subarray(fileFields),
      fc.array(
        fc.tuple(
          fileBytes,
          fc.oneof(
            fc.constant('a.pdf'),
            rareCjk.map((n) => `${n}.pdf`),
            fc.constant('../../etc/passwd'),
          ),
        ),
        { minLength: 1, maxLength: 3 },
      ),
    )
    .map(([texts, values, files, contents]) => {
      const form = new FormData();
      texts.forEach((k, i) => form.append(k, String(values[i] ?? '')));
      for (const f of files)
        for (const [bytes, name] of contents)
          form.append(f, new Blob([new Uint8Array(bytes)]), name);
      return {
        kind: 'multipart',
        headers: {} as Record<string, string>,
        body: form as FuzzRequest['body'],
      };
    });
  const variants: Array<
    fc.Arbitrary<{ kind: string; headers: Record<string, string>; body?: FuzzRequest['body'] }>
  > = [
    formArb,
    fc.constant({
      kind: 'json-instead-of-multipart',
      headers: JSON_TYPE,
      body: JSON.stringify({ agreementId: 'x', reason: 'y' }),
    }),
  ];
  if (options.issue12) {
    variants.push(
      fc
        .constantFrom(
          'no boundary here',
          '--b\r\nContent-Disposition: form-data; name="reason"\r\n\r\nx',
          '--b\r\nContent-Disposition: form-data; name="materials"; filename="a.pdf"\r\n\r\n%PDF-1.7\r\n',
          '--other\r\n\r\n--other--',
        )
        .map((b) => ({
          kind: 'malformed-multipart',
          headers: { 'content-type': 'multipart/form-data; boundary=b' },
          body: b,
        })),
    );
  }
  return fc.oneof(...variants);
}
