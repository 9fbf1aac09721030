import { RequestMethod, type Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { IS_PUBLIC } from '../auth/access.decorators.js';
import { AREA, ENDPOINT, type EndpointSpec } from './endpoint.decorator.js';

/** One gateway route as Nest's metadata describes it. */
export interface GatewayRoute {
  controller: Type<unknown>;
  handlerName: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI form, with the global prefix: /api/agreements/{agreementId}. */
  path: string;
  status: number;
  isPublic: boolean;
  area: string | undefined;
  spec: EndpointSpec | undefined;
}

const METHODS: Partial<Record<RequestMethod, GatewayRoute['method']>> = {
  [RequestMethod.GET]: 'get',
  [RequestMethod.POST]: 'post',
  [RequestMethod.PUT]: 'put',
  [RequestMethod.PATCH]: 'patch',
  [RequestMethod.DELETE]: 'delete',
};

function joinPath(...parts: Array<string | undefined>): string {
  const path = parts
    .flatMap((p) => (p ?? '').split('/'))
    .filter((s) => s.length > 0)
    .map((s) => (s.startsWith(':') ? `{${s.slice(1)}}` : s))
    .join('/');
  return `/${path}`;
}

/** Every route of these controllers, read from Nest's decorators (no application needed). */
export function gatewayRoutes(
  controllers: ReadonlyArray<Type<unknown>>,
  prefix = 'api',
): GatewayRoute[] {
  return controllers.flatMap((controller) => {
    const proto = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(proto).flatMap((handlerName): GatewayRoute[] => {
      const handler = proto[handlerName];
      if (handlerName === 'constructor' || typeof handler !== 'function') return [];
      const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as
        RequestMethod | undefined;
      const method = requestMethod === undefined ? undefined : METHODS[requestMethod];
      if (!method) return [];
      const status =
        (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
        (method === 'post' ? 201 : 200);
      return [
        {
          controller,
          handlerName,
          method,
          path: joinPath(
            prefix,
            Reflect.getMetadata(PATH_METADATA, controller) as string,
            Reflect.getMetadata(PATH_METADATA, handler) as string,
          ),
          status,
          isPublic:
            (Reflect.getMetadata(IS_PUBLIC, handler) ??
              Reflect.getMetadata(IS_PUBLIC, controller)) === true,
          area: Reflect.getMetadata(AREA, controller) as string | undefined,
          spec: Reflect.getMetadata(ENDPOINT, handler) as EndpointSpec | undefined,
        },
      ];
    });
  });
}
