import {
  ErrorCode,
  ServiceError,
  type CounsellorAssignment,
  type Principal,
} from '@netsign/contracts';

/**
 * The one access policy: may this principal see or act on this graduate, agreement, termination
 * or file (and recruiting's applications, invitations and offers)? Every service answers with it, for one thing already read (`may`, `requireMay`) and for
 * a list filtered in SQL (`scopeOf` + `scopeSql`). Framework-free: no Nest, no TypeORM.
 *
 * The rule has two halves:
 * 1. `reachOf`: the one way a principal, by role, can relate to a graduate's things (its own
 *    record, its employer's agreements, a department, a counsellor's assignment, a school, all).
 * 2. `ACCESS_POLICY`: per resource kind and action, which of those relations are allowed.
 * `reaches` (JS) and `scopeSql` (SQL) both read a reach. libs/auth/test/access-policy.spec.ts is
 * the rule as a table (every kind and action × every role and relationship);
 * access-policy-sql.integration-spec.ts checks the SQL selects exactly what `reaches` allows, on
 * the real Postgres; e2e/authorization-policy.spec.ts checks the table against the e2e matrix.
 */

/** How a principal relates to a graduate's things. */
export type Relation =
  | 'OWN_GRADUATE'
  | 'OWN_EMPLOYER'
  | 'DEPARTMENT'
  | 'ASSIGNED_COUNSELLOR'
  | 'SCHOOL'
  | 'PROVINCE'
  | 'SERVICE';

/** The facts of a graduate every rule needs (an agreement's frozen snapshot, a roster row). */
export interface GraduateFacts {
  graduateId: string;
  schoolCode: string;
  departmentCode: string;
  /** The class as the record at hand holds it: a counsellor may be assigned by class. */
  className?: string | null;
}

/** A graduate (roster record, destination). */
export interface GraduateResource {
  graduate: GraduateFacts;
}
/** An agreement, a termination of one, or a file attached to either: a graduate and an employer. */
export interface PartiesResource {
  graduate: GraduateFacts;
  employerId: string;
}
/**
 * A thing of recruiting between a graduate and an employer (application, interview invitation,
 * signing offer): recruiting knows the two parties, not the graduate's school.
 */
export interface RecruitmentResource {
  graduate: Pick<GraduateFacts, 'graduateId'>;
  employerId: string;
}

/**
 * Which relations may do what. A file has no rule of its own: it is reached through the thing it
 * belongs to (a termination's materials as the termination, an employer's qualification documents
 * as `agreement.seeQualificationDocuments`, a printed PDF as `agreement.see`).
 */
export const ACCESS_POLICY = {
  graduate: {
    /** Source info, destination: the graduate, school staff in scope, the province, services. */
    see: ['OWN_GRADUATE', 'DEPARTMENT', 'ASSIGNED_COUNSELLOR', 'SCHOOL', 'PROVINCE', 'SERVICE'],
    /** Paper forms (三方协议纸质表) are issued by the graduate's school staff, not the province. */
    issuePaperForm: ['DEPARTMENT', 'ASSIGNED_COUNSELLOR', 'SCHOOL'],
    /** Destination, unlock, releasing the WeChat binding: the school admin and the province. */
    manage: ['SCHOOL', 'PROVINCE'],
  },
  agreement: {
    /** The two parties, school staff in scope, the province, services; a PDF follows this. */
    see: [
      'OWN_GRADUATE',
      'OWN_EMPLOYER',
      'DEPARTMENT',
      'ASSIGNED_COUNSELLOR',
      'SCHOOL',
      'PROVINCE',
      'SERVICE',
    ],
    /** Review (审核) is the graduate's department staff and the school admin. */
    review: ['DEPARTMENT', 'SCHOOL'],
    /** The reviewers read the employer's qualification documents, nobody else. */
    seeQualificationDocuments: ['DEPARTMENT', 'SCHOOL'],
    /** Print management (协议书打印管理): the employer, reviewers, the province; not counsellors. */
    listPrints: ['OWN_EMPLOYER', 'DEPARTMENT', 'SCHOOL', 'PROVINCE'],
    /** Rendering the PDF again: the school admin and the province. */
    rerender: ['SCHOOL', 'PROVINCE'],
  },
  recruitment: {
    /** The two parties; a service reads one it was told of (signing accepting an offer). */
    see: ['OWN_GRADUATE', 'OWN_EMPLOYER', 'SERVICE'],
    /** The two parties list their own; nobody lists everyone's. */
    list: ['OWN_GRADUATE', 'OWN_EMPLOYER'],
  },
  termination: {
    /** Either party may apply (the agreement's state is checked apart). */
    apply: ['OWN_GRADUATE', 'OWN_EMPLOYER'],
    /** The parties, the assigned counsellor and the school admin; not department staff, not the province. */
    see: ['OWN_GRADUATE', 'OWN_EMPLOYER', 'ASSIGNED_COUNSELLOR', 'SCHOOL'],
    /** 同意/不同意毁约: the assigned counsellor and the school admin. */
    decide: ['ASSIGNED_COUNSELLOR', 'SCHOOL'],
  },
} as const satisfies Record<string, Record<string, readonly Relation[]>>;

export type ResourceKind = keyof typeof ACCESS_POLICY;
export type ActionOf<K extends ResourceKind> = keyof (typeof ACCESS_POLICY)[K] & string;
export type ResourceOf<K extends ResourceKind> = K extends 'graduate'
  ? GraduateResource
  : K extends 'recruitment'
    ? RecruitmentResource
    : PartiesResource;

/** The relations allowed to take `action` on a `kind`. */
export function allowedRelations<K extends ResourceKind>(
  kind: K,
  action: ActionOf<K>,
): readonly Relation[] {
  return (ACCESS_POLICY[kind] as Record<string, readonly Relation[]>)[action]!;
}

/**
 * What a principal's relation must match, from the token (and, for a counsellor, the assignment
 * identity holds). One per principal: a role relates to things in exactly one way.
 */
export type Reach =
  | { relation: 'SERVICE' }
  | { relation: 'PROVINCE' }
  | { relation: 'SCHOOL'; schoolCode: string }
  | { relation: 'DEPARTMENT'; schoolCode: string; departmentCode: string }
  | {
      relation: 'ASSIGNED_COUNSELLOR';
      schoolCode: string;
      graduateIds: readonly string[];
      classNames: readonly string[];
    }
  | { relation: 'OWN_GRADUATE'; graduateId: string }
  | { relation: 'OWN_EMPLOYER'; employerId: string };

/** A counsellor's assignment, as identity answers it (`counsellorAssignment`). */
export type Assignment = Pick<CounsellorAssignment, 'schoolCode' | 'graduateIds' | 'classNames'>;

/**
 * The principal's reach, or null when it reaches nothing: an unbound WeChat session, a token
 * missing the id its role needs, a counsellor whose assignment was not given or is of another
 * school than the token (a stale token: refused rather than guessed).
 */
export function reachOf(
  principal: Principal | null | undefined,
  assignment: Assignment | null = null,
): Reach | null {
  if (!principal) return null;
  const p = principal;
  switch (p.role) {
    case 'SERVICE':
      return { relation: 'SERVICE' };
    case 'PROVINCE_ADMIN':
      return { relation: 'PROVINCE' };
    case 'GRADUATE':
      return p.graduateId ? { relation: 'OWN_GRADUATE', graduateId: p.graduateId } : null;
    case 'EMPLOYER':
      return p.employerId ? { relation: 'OWN_EMPLOYER', employerId: p.employerId } : null;
    case 'SCHOOL_ADMIN':
      return p.schoolCode ? { relation: 'SCHOOL', schoolCode: p.schoolCode } : null;
    case 'DEPARTMENT_STAFF':
      return p.schoolCode && p.departmentCode
        ? { relation: 'DEPARTMENT', schoolCode: p.schoolCode, departmentCode: p.departmentCode }
        : null;
    case 'COUNSELLOR':
      if (!p.schoolCode || !assignment || assignment.schoolCode !== p.schoolCode) return null;
      return {
        relation: 'ASSIGNED_COUNSELLOR',
        schoolCode: p.schoolCode,
        graduateIds: assignment.graduateIds,
        classNames: assignment.classNames,
      };
    default:
      return null;
  }
}

/** Whether a reach covers one thing (the JS half; `scopeSql` is the SQL half of the same rule). */
export function reaches(
  reach: Reach,
  r: { graduate: Partial<GraduateFacts> & Pick<GraduateFacts, 'graduateId'>; employerId?: string },
): boolean {
  const g = r.graduate;
  switch (reach.relation) {
    case 'SERVICE':
    case 'PROVINCE':
      return true;
    case 'OWN_GRADUATE':
      return g.graduateId === reach.graduateId;
    case 'OWN_EMPLOYER':
      return r.employerId !== undefined && r.employerId === reach.employerId;
    case 'SCHOOL':
      return g.schoolCode === reach.schoolCode;
    case 'DEPARTMENT':
      return g.schoolCode === reach.schoolCode && g.departmentCode === reach.departmentCode;
    case 'ASSIGNED_COUNSELLOR':
      return (
        g.schoolCode === reach.schoolCode &&
        (reach.graduateIds.includes(g.graduateId) ||
          (g.className != null && reach.classNames.includes(g.className)))
      );
  }
}

/**
 * May the principal take `action` on this one thing? A counsellor needs `assignment` (asked of
 * identity); without it they may nothing that needs one.
 */
export function may<K extends ResourceKind>(
  principal: Principal | null | undefined,
  kind: K,
  action: ActionOf<K>,
  resource: ResourceOf<K>,
  assignment: Assignment | null = null,
): boolean {
  const reach = reachOf(principal, assignment);
  return (
    reach !== null &&
    allowedRelations(kind, action).includes(reach.relation) &&
    reaches(reach, resource)
  );
}

/** Whether the principal's role could ever take `action` on a `kind` (before any thing is read). */
export function mayAtAll<K extends ResourceKind>(
  principal: Principal | null | undefined,
  kind: K,
  action: ActionOf<K>,
): boolean {
  const relation = principal ? RELATION_OF_ROLE[principal.role] : undefined;
  return relation !== undefined && allowedRelations(kind, action).includes(relation);
}

const RELATION_OF_ROLE: Partial<Record<Principal['role'], Relation>> = {
  SERVICE: 'SERVICE',
  PROVINCE_ADMIN: 'PROVINCE',
  SCHOOL_ADMIN: 'SCHOOL',
  DEPARTMENT_STAFF: 'DEPARTMENT',
  COUNSELLOR: 'ASSIGNED_COUNSELLOR',
  GRADUATE: 'OWN_GRADUATE',
  EMPLOYER: 'OWN_EMPLOYER',
};

/** Whether the principal's reach depends on a counsellor's assignment (ask identity first). */
export function needsAssignment(principal: Principal | null | undefined): boolean {
  return principal?.role === 'COUNSELLOR';
}

/**
 * The reach a list of `kind` is filtered by for `action`: UNAUTHENTICATED without a principal,
 * FORBIDDEN when the role may not take the action at all or reaches nothing (no id, a stale
 * counsellor token). Pass the result to `scopeSql`.
 */
export function scopeOf<K extends ResourceKind>(
  principal: Principal | null | undefined,
  kind: K,
  action: ActionOf<K>,
  assignment: Assignment | null = null,
): Reach {
  if (!principal) throw new ServiceError(ErrorCode.UNAUTHENTICATED);
  if (!mayAtAll(principal, kind, action)) throw new ServiceError(ErrorCode.FORBIDDEN);
  const reach = reachOf(principal, assignment);
  if (!reach) throw new ServiceError(ErrorCode.FORBIDDEN);
  return reach;
}

/**
 * The SQL expressions (trusted constants from the repository, never request input) naming a
 * table's facts. `className` may be a JSON path (`snapshot->'graduate'->>'className'`). A fact
 * the table does not hold is left out, and the relations needing it select nothing (an employer
 * on a roster, school staff on recruiting's tables), as `reaches` answers for a thing without it.
 */
export interface ScopeColumns {
  graduateId: string;
  schoolCode?: string;
  departmentCode?: string;
  className?: string;
  employerId?: string;
}

/**
 * The reach as a parameterised WHERE fragment: values are pushed onto `params` and named `$n`.
 * The same predicate as `reaches`, row for row (tested against the real Postgres).
 */
export function scopeSql(reach: Reach, columns: ScopeColumns, params: unknown[]): string {
  const $ = (value: unknown) => `$${params.push(value)}`;
  const { graduateId, schoolCode, departmentCode, className, employerId } = columns;
  switch (reach.relation) {
    case 'SERVICE':
    case 'PROVINCE':
      return 'true';
    case 'OWN_GRADUATE':
      return `${graduateId} = ${$(reach.graduateId)}`;
    case 'OWN_EMPLOYER':
      return employerId ? `${employerId} = ${$(reach.employerId)}` : 'false';
    case 'SCHOOL':
      return schoolCode ? `${schoolCode} = ${$(reach.schoolCode)}` : 'false';
    case 'DEPARTMENT':
      if (!schoolCode || !departmentCode) return 'false';
      return `(${schoolCode} = ${$(reach.schoolCode)} AND ${departmentCode} = ${$(reach.departmentCode)})`;
    case 'ASSIGNED_COUNSELLOR': {
      if (!schoolCode) return 'false';
      const byId = `${graduateId} = ANY(${$([...reach.graduateIds])}::text[])`;
      const byClass = className
        ? ` OR ${className} = ANY(${$([...reach.classNames])}::text[])`
        : '';
      return `(${schoolCode} = ${$(reach.schoolCode)} AND (${byId}${byClass}))`;
    }
  }
}

/** `may`, or FORBIDDEN with `message` (or NOT_FOUND where the caller must not learn it exists). */
export function requireMay<K extends ResourceKind>(
  principal: Principal | null | undefined,
  kind: K,
  action: ActionOf<K>,
  resource: ResourceOf<K>,
  options: { assignment?: Assignment | null; refusal?: ServiceError } = {},
): void {
  if (!principal) throw new ServiceError(ErrorCode.UNAUTHENTICATED);
  if (!may(principal, kind, action, resource, options.assignment ?? null))
    throw options.refusal ?? new ServiceError(ErrorCode.FORBIDDEN);
}
