import { SetMetadata } from '@nestjs/common';
import { Role } from '@netsign/contracts';

export const IS_PUBLIC = 'netsign:public';
export const ROLES = 'netsign:roles';
export const ANY_ROLE = 'ANY' as const;

/** Reachable without a token. Every route is either @Public or names its roles with @Roles. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Needs a valid token with one of these roles (`ANY_ROLE`: any signed-in caller). */
export const Roles = (...roles: Array<Role | typeof ANY_ROLE>) => SetMetadata(ROLES, roles);

/** Who may read an agreement (and print it): its parties, school staff in scope, the province. */
export const AGREEMENT_READERS = [
  Role.GRADUATE,
  Role.EMPLOYER,
  Role.DEPARTMENT_STAFF,
  Role.COUNSELLOR,
  Role.SCHOOL_ADMIN,
  Role.PROVINCE_ADMIN,
] as const;
