import { buildOpenApiDocument, type OpenApiDocument } from './common/openapi/document.js';
import { GATEWAY_CONTROLLERS } from './gateway.controllers.js';

/** The gateway's OpenAPI document (served at /api/docs-json, generated into libs/api-client). */
export function gatewayOpenApiDocument(): OpenApiDocument {
  return buildOpenApiDocument(GATEWAY_CONTROLLERS);
}
