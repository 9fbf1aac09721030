import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode, ServiceError, type Role } from '@netsign/contracts';
import type { FastifyRequest } from 'fastify';
import { ANY_ROLE, IS_PUBLIC, ROLES } from './access.decorators.js';
import { TokenKeys } from './token-keys.js';
import type { GatewayRequest } from './request-context.js';

/**
 * Global guard: a route without @Public needs a verified bearer token whose role the route
 * names. A route with neither decorator is refused outright (and a test fails on it).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: TokenKeys,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const request = context.switchToHttp().getRequest<FastifyRequest & GatewayRequest>();
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      // Public routes still learn who is calling when a valid token is sent.
      request.principal = token ? await this.keys.verify(token).catch(() => null) : null;
      return true;
    }
    const roles = this.reflector.getAllAndOverride<Array<Role | typeof ANY_ROLE> | undefined>(
      ROLES,
      targets,
    );
    if (!roles) throw new ServiceError(ErrorCode.FORBIDDEN, '接口未声明访问权限');
    if (!token) throw new ServiceError(ErrorCode.UNAUTHENTICATED);
    const principal = await this.keys.verify(token);
    if (!principal) throw new ServiceError(ErrorCode.UNAUTHENTICATED, '登录已失效，请重新登录');
    if (!roles.includes(ANY_ROLE) && !roles.includes(principal.role)) {
      throw new ServiceError(ErrorCode.FORBIDDEN);
    }
    request.principal = principal;
    return true;
  }
}
