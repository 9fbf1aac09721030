import { describe, expect, it } from '@jest/globals';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { IS_PUBLIC, ROLES } from '../src/common/auth/access.decorators.js';
import { GATEWAY_CONTROLLERS } from '../src/gateway.controllers.js';

/** Every gateway route is either explicitly public or names the roles that may call it. */
describe('gateway route guards', () => {
  const routes = GATEWAY_CONTROLLERS.flatMap((controller) => {
    const proto = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(proto)
      .filter((name) => name !== 'constructor' && typeof proto[name] === 'function')
      .map((name) => ({ controller, name, handler: proto[name] as object }))
      .filter(({ handler }) => Reflect.getMetadata(METHOD_METADATA, handler) !== undefined);
  });

  it('finds the routes', () => {
    expect(routes.length).toBeGreaterThan(3);
  });

  it.each(routes.map((r) => [`${r.controller.name}.${r.name}`, r] as const))(
    '%s is @Public or @Roles',
    (_label, { controller, handler }) => {
      const isPublic =
        Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, controller);
      const roles = Reflect.getMetadata(ROLES, handler) ?? Reflect.getMetadata(ROLES, controller);
      expect(Reflect.getMetadata(PATH_METADATA, handler)).toBeDefined();
      expect(isPublic === true || (Array.isArray(roles) && roles.length > 0)).toBe(true);
    },
  );
});
