import {
  OpenApiGeneratorV31,
  OpenAPIRegistry,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import type { Type } from '@nestjs/common';
import { z } from 'zod';
import { isFileAnswer, isNoContentAnswer, type EndpointSpec } from './endpoint.decorator.js';
import { errorAnswers } from './error-answers.js';
import { gatewayRoutes, type GatewayRoute } from './routes.js';

export type OpenApiDocument = ReturnType<OpenApiGeneratorV31['generateDocument']>;

const TAG_DESCRIPTIONS: Record<string, string> = {
  health: '健康检查与运行指标',
  ops: '运维',
  auth: '登录与微信绑定',
  me: '当前用户',
  schools: '学校、院系、教职工与生源',
  employers: '用人单位注册',
  agreements: '就业协议书（签约方式二、查询）',
  signing: '二维码名片签约（方式三）与毕业去向',
  recruiting: '招聘：岗位、简历、投递、面试、签约邀请（方式一）',
  printing: '协议书打印与防伪核验',
  statistics: '网签统计',
  dispatch: '向省级派遣系统的报送记录',
  review: '协议审核',
  'qualification-documents': '用人单位资质材料',
  terminations: '解约',
  'paper-forms': '纸质协议书编号',
};

function pathParams(path: string): z.ZodObject {
  const names = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  return z.object(Object.fromEntries(names.map((n) => [n, z.string()])));
}

/** Until a route has its @Endpoint: `<controller area><Handler>`, unique across the gateway. */
function fallbackOperationId(route: GatewayRoute): string {
  const area = route.controller.name.replace(/HttpController$/, '');
  return (
    area.charAt(0).toLowerCase() +
    area.slice(1) +
    route.handlerName.charAt(0).toUpperCase() +
    route.handlerName.slice(1)
  );
}

function requestOf(route: GatewayRoute, spec: EndpointSpec | undefined): RouteConfig['request'] {
  const params = spec?.params ?? (route.path.includes('{') ? pathParams(route.path) : undefined);
  const content: Record<string, { schema: z.ZodType; example?: unknown }> = {};
  if (spec?.body)
    content['application/json'] = {
      schema: spec.body,
      ...(spec.example !== undefined ? { example: spec.example } : {}),
    };
  if (spec?.upload) {
    content['multipart/form-data'] = { schema: spec.upload.fields };
    if (spec.upload.json) content['application/json'] = { schema: spec.upload.json };
  }
  return {
    ...(params ? { params } : {}),
    ...(spec?.query ? { query: spec.query } : {}),
    ...(Object.keys(content).length > 0 ? { body: { content, required: true } } : {}),
  };
}

function successAnswers(
  route: GatewayRoute,
  spec: EndpointSpec | undefined,
): RouteConfig['responses'] {
  if (!spec) return { [route.status]: { description: 'OK' } };
  const main = isNoContentAnswer(spec.response)
    ? { description: spec.response.noContent }
    : isFileAnswer(spec.response)
      ? {
          description: spec.response.description,
          content: Object.fromEntries(
            spec.response.file.map((type) => [
              type,
              { schema: z.string().meta({ format: 'binary' }) },
            ]),
          ),
        }
      : { description: spec.summary, content: { 'application/json': { schema: spec.response } } };
  const others = Object.entries(spec.alsoAnswers ?? {}).map(([status, answer]) => [
    status,
    { description: answer.description, content: { 'application/json': { schema: answer.schema } } },
  ]);
  return { [route.status]: main, ...Object.fromEntries(others) };
}

/** Error answers, then the other success answers (health answers 503 with its own body). */
function answersOf(route: GatewayRoute, spec: EndpointSpec | undefined): RouteConfig['responses'] {
  const success = successAnswers(route, spec);
  return { ...errorAnswers(route), ...success };
}

/**
 * The OpenAPI 3.1 document of the gateway, built from the controllers' @Endpoint specs (the same
 * zod schemas that validate requests): no application, services or bus needed.
 */
export function buildOpenApiDocument(controllers: ReadonlyArray<Type<unknown>>): OpenApiDocument {
  const registry = new OpenAPIRegistry();
  const bearer = registry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
  });
  const routes = gatewayRoutes(controllers);
  for (const route of routes) {
    const spec = route.spec;
    registry.registerPath({
      method: route.method,
      path: route.path,
      operationId: spec?.operationId ?? fallbackOperationId(route),
      summary: spec?.summary ?? route.handlerName,
      ...(spec?.description ? { description: spec.description } : {}),
      tags: [route.area ?? 'other'],
      security: route.isPublic ? [] : [{ [bearer.name]: [] }],
      request: requestOf(route, spec),
      responses: answersOf(route, spec),
    });
  }
  const tags = [...new Set(routes.map((r) => r.area ?? 'other'))].map((name) => ({
    name,
    description: TAG_DESCRIPTIONS[name] ?? name,
  }));
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: '网签平台 API',
      version: '1',
      description:
        'Graduate employment online-signing platform: the public HTTP contract (API.md). Generated from the zod schemas that validate every request.',
    },
    tags,
  });
}
