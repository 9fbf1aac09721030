import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Platform, RecordedAnswer } from './platform.js';

/**
 * Holds the live OpenAPI document (GET /api/docs-json) to the running system: every JSON answer
 * recorded by `Platform.http` must validate against the schema the document declares for its
 * operation and status, and a file answer must have a declared content type. The document is
 * what the portal's and the mini-program's generated client trust.
 */
const require = createRequire(import.meta.url);
const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
const addFormats = require('ajv-formats') as typeof import('ajv-formats').default;

type OpenApi = { paths: Record<string, Record<string, Operation>> };
interface Operation {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

export interface AnswerMismatch {
  operation: string;
  status: number;
  problem: string;
}

export interface DocumentChecker {
  document: OpenApi;
  /** Problems with one answer (empty: it is what the document says). */
  check(answer: RecordedAnswer): AnswerMismatch[];
  /** Checks every answer; returns the operationIds covered and what did not match. */
  checkAll(answers: RecordedAnswer[]): { covered: string[]; mismatches: AnswerMismatch[] };
}

const escapePointer = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function templateMatcher(template: string): RegExp {
  const pattern = template
    .split('/')
    .map((seg) => (seg.startsWith('{') ? '[^/]+' : seg.replace(/[.*+?^$()|[\]\\-]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${pattern}$`);
}

export async function documentChecker(p: Platform): Promise<DocumentChecker> {
  const res = await fetch(`${p.url}/api/docs-json`);
  if (res.status !== 200) throw new Error(`GET /api/docs-json answered ${res.status}`);
  const document = (await res.json()) as OpenApi;
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  ajv.addSchema(document as object, 'openapi');
  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (pointer: string) => {
    let v = compiled.get(pointer);
    if (!v) compiled.set(pointer, (v = ajv.compile({ $ref: `openapi#${pointer}` })));
    return v;
  };
  // Literal segments first, so /api/me/qr-card is not taken for /api/me/{...}.
  const templates = Object.keys(document.paths)
    .map((t) => ({
      template: t,
      matcher: templateMatcher(t),
      params: (t.match(/\{/g) ?? []).length,
    }))
    .sort((a, b) => a.params - b.params);

  function check(answer: RecordedAnswer): AnswerMismatch[] {
    const path = answer.path.split('?')[0]!;
    const method = answer.method.toLowerCase();
    const template = templates.find(
      (t) => t.matcher.test(path) && document.paths[t.template]![method],
    )?.template;
    if (!template)
      return [
        {
          operation: `${answer.method} ${path}`,
          status: answer.status,
          problem: 'no such operation in the document',
        },
      ];
    const operation = document.paths[template]![method]!;
    const declared = operation.responses[String(answer.status)];
    const problem = (text: string) => [
      { operation: operation.operationId, status: answer.status, problem: text },
    ];
    if (!declared)
      return problem(
        `status ${answer.status} is not declared (body ${JSON.stringify(answer.body).slice(0, 200)})`,
      );
    const types = Object.keys(declared.content ?? {});
    const type = (answer.contentType ?? '').split(';')[0]!.trim();
    if (type !== 'application/json') {
      return types.includes(type) || (types.length === 0 && !answer.body)
        ? []
        : problem(`content type ${type} is not declared (${types.join(', ')})`);
    }
    if (!types.includes('application/json'))
      return problem('a JSON answer where the document declares none');
    const pointer = `/paths/${escapePointer(template)}/${method}/responses/${answer.status}/content/${escapePointer('application/json')}/schema`;
    const validate = validatorAt(pointer);
    if (validate(answer.body)) return [];
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map((e: ErrorObject) => `${e.instancePath || '(root)'} ${e.message}`);
    return problem(`${errors.join('; ')} — body ${JSON.stringify(answer.body).slice(0, 300)}`);
  }

  return {
    document,
    check,
    checkAll(answers) {
      const covered = new Set<string>();
      const mismatches: AnswerMismatch[] = [];
      for (const answer of answers.filter(
        (a) => a.path.startsWith('/api/') && !a.path.startsWith('/api/docs'),
      )) {
        const found = check(answer);
        mismatches.push(...found);
        const path = answer.path.split('?')[0]!;
        const template = templates.find(
          (t) => t.matcher.test(path) && document.paths[t.template]![answer.method.toLowerCase()],
        );
        if (template && found.length === 0)
          covered.add(document.paths[template.template]![answer.method.toLowerCase()]!.operationId);
      }
      return { covered: [...covered].sort(), mismatches };
    },
  };
}
