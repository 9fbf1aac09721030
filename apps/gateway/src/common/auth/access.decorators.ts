import { SetMetadata } from '@nestjs/common';
import type { Role } from '@netsign/contracts';

export const IS_PUBLIC = 'netsign:public';
export const ROLES = 'netsign:roles';
export const ANY_ROLE = 'ANY' as const;

/** Reachable without a token. Every route is either @Public or names its roles with @Roles. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Needs a valid token with one of these roles (`ANY_ROLE`: any signed-in caller). */
export const Roles = (...roles: Array<Role | typeof ANY_ROLE>) => SetMetadata(ROLES, roles);
