import { scopeOf, scopeSql, type Reach } from '@netsign/auth';
import { ErrorCode, ServiceError, type Principal } from '@netsign/contracts';

/**
 * The caller's own applications, invitations and offers, by the access policy of libs/auth
 * (`recruitment.list`): a graduate's or an employer's, from the token; anyone else is FORBIDDEN.
 */
export function partyScopeOf(principal: Principal | null): Reach {
  return scopeOf(principal, 'recruitment', 'list');
}

/**
 * The policy's SQL condition restricting rows to the party's own, for a query builder: `alias`
 * names the entity in the query (`a`, `i`, `o`), and the policy's `$n` values become named
 * parameters (`:party1`, …) so the condition joins the builder's other parameters.
 */
export function partyCondition(
  reach: Reach,
  alias: string,
): { where: string; params: Record<string, unknown> } {
  const values: unknown[] = [];
  const sql = scopeSql(
    reach,
    { graduateId: `${alias}.graduateId`, employerId: `${alias}.employerId` },
    values,
  );
  const params: Record<string, unknown> = {};
  values.forEach((value, i) => (params[`party${i + 1}`] = value));
  return { where: sql.replace(/\$(\d+)/g, ':party$1'), params };
}

/** A row of recruiting as the access policy sees it: its two parties. */
export function recruitmentResource(row: { employerId: string; graduateId: string }) {
  return { graduate: { graduateId: row.graduateId }, employerId: row.employerId };
}

export const notFound = (what: string) => new ServiceError(ErrorCode.NOT_FOUND, `${what}不存在`);
export const invalidState = (message: string) => new ServiceError(ErrorCode.INVALID_STATE, message);
