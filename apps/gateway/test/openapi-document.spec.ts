import { describe, expect, it } from '@jest/globals';
import SwaggerParser from '@apidevtools/swagger-parser';
import { gatewayRoutes } from '../src/common/openapi/routes.js';
import { GATEWAY_CONTROLLERS } from '../src/gateway.controllers.js';
import { gatewayOpenApiDocument } from '../src/gateway.openapi.js';

type Json = Record<string, any>;
const FILE_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'text/plain'];
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function operations(document: Json): Array<{ label: string; op: Json }> {
  return Object.entries(document.paths as Json).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({
      label: `${m.toUpperCase()} ${path}`,
      op: item[m] as Json,
    })),
  );
}

/**
 * A 2xx answer that says what it is: a JSON schema with a type or a reference, a file type, or
 * 204 with no content at all.
 */
function typedSuccess(op: Json): boolean {
  return Object.entries(op.responses as Json)
    .filter(([status]) => /^2\d\d$/.test(status))
    .some(
      ([status, answer]) =>
        (status === '204' && (answer as Json).content === undefined) ||
        Object.entries((answer as Json).content ?? {}).some(
          ([type, media]) =>
            FILE_TYPES.includes(type) ||
            (type === 'application/json' &&
              ['$ref', 'type', 'oneOf', 'anyOf', 'allOf'].some(
                (k) => k in ((media as Json).schema ?? {}),
              )),
        ),
    );
}

describe('the OpenAPI document', () => {
  const document = gatewayOpenApiDocument() as unknown as Json;
  const ops = operations(document);

  it('passes an independent validator (swagger-parser)', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('documents every route of the gateway from its @Endpoint spec', () => {
    const routes = gatewayRoutes(GATEWAY_CONTROLLERS);
    expect(
      routes.filter((r) => !r.spec).map((r) => `${r.controller.name}.${r.handlerName}`),
    ).toEqual([]);
    expect(ops).toHaveLength(routes.length);
    expect(ops.length).toBeGreaterThanOrEqual(74);
  });

  it('gives every operation a typed success answer', () => {
    expect(ops.filter(({ op }) => !typedSuccess(op)).map((o) => o.label)).toEqual([]);
  });

  it('names operations so a generated client can use them as functions, and tags them by area', () => {
    const ids = ops.map(({ op }) => op.operationId as string);
    expect(ids.filter((id) => !/^[a-z][A-Za-z0-9]*$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ops.filter(({ op }) => !(op.tags?.length === 1)).map((o) => o.label)).toEqual([]);
    const tags = (document.tags as Json[]).map((t) => t.name);
    expect(tags).toEqual(
      expect.arrayContaining([
        'agreements',
        'review',
        'terminations',
        'printing',
        'statistics',
        'me',
      ]),
    );
  });

  it('declares the error shape with its codes for each status, 401/403 wherever a token is needed', () => {
    for (const { label, op } of ops) {
      for (const [status, answer] of Object.entries(op.responses as Json)) {
        if (!/^[45]\d\d$/.test(status) || label === 'GET /api/health') continue;
        const schema = (answer as Json).content?.['application/json']?.schema;
        expect([label, status, schema !== undefined]).toEqual([label, status, true]);
      }
      if ((op.security as Json[]).length > 0) {
        expect([label, Object.keys(op.responses)]).toEqual([
          label,
          expect.arrayContaining(['401', '403']),
        ]);
      }
    }
    const error = document.components.schemas.NotPrintableError;
    expect(error.properties.code).toEqual({ type: 'string', enum: ['NOT_PRINTABLE'] });
    expect(error.example.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('shows example bodies that the same schemas accept', () => {
    const examples = gatewayRoutes(GATEWAY_CONTROLLERS).filter(
      (r) => r.spec?.body && r.spec.example !== undefined,
    );
    expect(examples.length).toBeGreaterThanOrEqual(15);
    const refused = examples
      .map((r) => ({ op: r.spec!.operationId, result: r.spec!.body!.safeParse(r.spec!.example) }))
      .filter(({ result }) => !result.success)
      .map(({ op, result }) => `${op}: ${JSON.stringify(result.error?.issues)}`);
    expect(refused).toEqual([]);
  });

  it('describes request bodies, parameters and uploads, with Chinese examples', () => {
    const sign = document.paths['/api/agreements'].post;
    expect(sign.requestBody.content['application/json'].schema.properties.terms).toBeDefined();
    const apply = document.paths['/api/terminations'].post;
    expect(
      apply.requestBody.content['multipart/form-data'].schema.properties.materials.items.format,
    ).toBe('binary');
    const get = document.paths['/api/agreements/{agreementId}'].get;
    expect(get.parameters).toEqual([
      expect.objectContaining({ name: 'agreementId', in: 'path', required: true }),
    ]);
    const pdf = document.paths['/api/agreements/{id}/pdf'].get;
    expect(Object.keys(pdf.responses['200'].content)).toEqual(['application/pdf']);
    expect(pdf.responses['202'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Rendering',
    });
    expect(JSON.stringify(document.components.schemas.Graduate.example)).toMatch(/[\u4e00-\u9fff]/);
    expect(JSON.stringify(sign.requestBody.content['application/json'].example)).toMatch(
      /[\u4e00-\u9fff]/,
    );
  });
});
