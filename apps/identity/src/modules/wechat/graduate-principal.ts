import type { Principal } from '@netsign/contracts';
import type { Graduate } from '../roster/graduates.repository.js';

/** The principal of a mini-program session bound to a graduate (userId = graduate id). */
export function graduatePrincipal(g: Graduate, openId: string): Principal {
  return {
    userId: g.id,
    role: 'GRADUATE',
    schoolCode: g.schoolCode,
    departmentCode: g.departmentCode,
    graduateId: g.id,
    openId,
  };
}

/** A WeChat session not bound yet: it may only bind. */
export function unboundPrincipal(openId: string): Principal {
  return { userId: `wechat:${openId}`, role: 'WECHAT_UNBOUND', openId };
}
