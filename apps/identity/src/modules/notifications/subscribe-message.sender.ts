import { Inject, Injectable, Logger } from '@nestjs/common';
import { IDENTITY_ENV } from '../../identity.tokens.js';
import type { IdentityEnv } from '../../identity.env.js';
import type { NewNotification } from './notifications.repository.js';

/** Pushes an inbox item to the graduate's WeChat as a subscribe message (订阅消息). */
export interface SubscribeMessageSender {
  readonly enabled: boolean;
  send(openId: string, notification: NewNotification): Promise<void>;
}
export const SUBSCRIBE_MESSAGE_SENDER = Symbol('netsign:subscribe-message-sender');

/** The default: the inbox is the record; WeChat pushes are an optional extra. */
export class DisabledSubscribeMessageSender implements SubscribeMessageSender {
  readonly enabled = false;
  async send(): Promise<void> {}
}

/** WeChat's answers that mean the access token is no longer good: fetch a new one and retry once. */
const STALE_TOKEN = new Set([40001, 40014, 42001]);

/**
 * WeChat's `message/subscribe/send`, on when WECHAT_SUBSCRIBE_TEMPLATE_ID is set. Best effort:
 * a failed push is logged and never fails the inbox write (the graduate still sees it in the app).
 * The access token comes from `stable_token` (normal mode), which every identity replica may call
 * without invalidating the others' tokens, unlike the older `cgi-bin/token`.
 */
@Injectable()
export class WechatSubscribeMessageSender implements SubscribeMessageSender {
  readonly enabled = true;
  private readonly logger = new Logger('WechatSubscribeMessage');
  private token: { value: string; expiresAt: number } | null = null;

  constructor(@Inject(IDENTITY_ENV) private readonly env: IdentityEnv) {}

  async send(openId: string, n: NewNotification): Promise<void> {
    try {
      let answer = await this.post(openId, n, await this.accessToken());
      if (STALE_TOKEN.has(answer.errcode ?? 0)) {
        this.token = null;
        answer = await this.post(openId, n, await this.accessToken());
      }
      // e.g. 43101: the graduate has not subscribed to this template (their choice, not an error).
      if (answer.errcode)
        this.logger.warn(
          { errcode: answer.errcode, kind: n.kind },
          'subscribe message refused by WeChat',
        );
    } catch (err) {
      this.logger.warn(
        { reason: (err as Error).message, kind: n.kind },
        'subscribe message not sent',
      );
    }
  }

  private async post(
    openId: string,
    n: NewNotification,
    accessToken: string,
  ): Promise<{ errcode?: number }> {
    const url = new URL('/cgi-bin/message/subscribe/send', this.env.WECHAT_API_BASE);
    url.searchParams.set('access_token', accessToken);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        touser: openId,
        template_id: this.env.WECHAT_SUBSCRIBE_TEMPLATE_ID,
        // thing fields hold at most 20 characters.
        data: { thing1: { value: n.title.slice(0, 20) }, thing2: { value: n.body.slice(0, 20) } },
      }),
      signal: AbortSignal.timeout(this.env.WECHAT_TIMEOUT_MS),
    });
    return (await res.json()) as { errcode?: number };
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now()) return this.token.value;
    const res = (await (
      await fetch(new URL('/cgi-bin/stable_token', this.env.WECHAT_API_BASE), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          grant_type: 'client_credential',
          appid: this.env.WECHAT_APPID,
          secret: this.env.WECHAT_SECRET,
        }),
        signal: AbortSignal.timeout(this.env.WECHAT_TIMEOUT_MS),
      })
    ).json()) as { access_token?: string; expires_in?: number; errcode?: number };
    if (!res.access_token) throw new Error(`no access_token (errcode ${res.errcode ?? '-'})`);
    // WeChat renews a stable token 5 minutes before it expires and keeps both valid meanwhile.
    this.token = {
      value: res.access_token,
      expiresAt: Date.now() + Math.max(60, (res.expires_in ?? 7200) - 300) * 1000,
    };
    return res.access_token;
  }
}
