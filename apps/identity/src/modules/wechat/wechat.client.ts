import { Inject, Injectable, Logger } from '@nestjs/common';
import { ErrorCode, ServiceError } from '@netsign/contracts';
import { IDENTITY_ENV } from '../../identity.tokens.js';
import type { IdentityEnv } from '../../identity.env.js';

interface Code2SessionReply {
  openid?: string;
  session_key?: string;
  errcode?: number;
  errmsg?: string;
}

/** WeChat's errcodes that mean "this code is no good" (the user should log in again). */
const CODE_ERRORS: Record<number, string> = {
  40029: '微信登录凭证无效',
  40163: '微信登录凭证已使用',
  40226: '该微信账号被限制登录',
};

/**
 * `jscode2session` over HTTP with a timeout. A bad code is 401 UNAUTHENTICATED with WeChat's
 * errcode in details; WeChat unreachable, slow, busy or misconfigured is 503 UPSTREAM_UNAVAILABLE.
 * The session key is dropped at once: nothing here needs it.
 */
@Injectable()
export class WechatClient {
  private readonly logger = new Logger('WechatClient');

  constructor(@Inject(IDENTITY_ENV) private readonly env: IdentityEnv) {}

  async code2Session(code: string): Promise<{ openId: string }> {
    const url = new URL('/sns/jscode2session', this.env.WECHAT_API_BASE);
    url.search = new URLSearchParams({
      appid: this.env.WECHAT_APPID,
      secret: this.env.WECHAT_SECRET,
      js_code: code,
      grant_type: 'authorization_code',
    }).toString();
    let reply: Code2SessionReply;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(this.env.WECHAT_TIMEOUT_MS) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      reply = (await res.json()) as Code2SessionReply;
    } catch (err) {
      this.logger.warn({ reason: (err as Error).message }, 'jscode2session failed');
      throw new ServiceError(ErrorCode.UPSTREAM_UNAVAILABLE, '微信服务暂时不可用，请稍后再试', {
        upstream: 'wechat',
      });
    }
    if (reply.errcode && reply.errcode !== 0) {
      const message = CODE_ERRORS[reply.errcode];
      if (message)
        throw new ServiceError(ErrorCode.UNAUTHENTICATED, message, {
          wechatErrcode: reply.errcode,
        });
      if (reply.errcode === 45011)
        throw new ServiceError(ErrorCode.RATE_LIMITED, '微信登录过于频繁，请稍后再试');
      this.logger.warn({ errcode: reply.errcode }, 'jscode2session refused');
      throw new ServiceError(ErrorCode.UPSTREAM_UNAVAILABLE, '微信登录暂时不可用，请稍后再试', {
        upstream: 'wechat',
        wechatErrcode: reply.errcode,
      });
    }
    if (!reply.openid)
      throw new ServiceError(ErrorCode.UPSTREAM_UNAVAILABLE, '微信返回数据异常', {
        upstream: 'wechat',
      });
    return { openId: reply.openid };
  }
}
