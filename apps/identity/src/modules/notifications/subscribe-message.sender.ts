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

/**
 * WeChat's `message/subscribe/send`, on when WECHAT_SUBSCRIBE_TEMPLATE_ID is set. Best effort:
 * a failed push is logged and never fails the inbox write (the graduate still sees it in the app).
 */
@Injectable()
export class WechatSubscribeMessageSender implements SubscribeMessageSender {
  readonly enabled = true;
  private readonly logger = new Logger('WechatSubscribeMessage');
  private token: { value: string; expiresAt: number } | null = null;

  constructor(@Inject(IDENTITY_ENV) private readonly env: IdentityEnv) {}

  async send(openId: string, n: NewNotification): Promise<void> {
    try {
      const accessToken = await this.accessToken();
      const url = new URL('/cgi-bin/message/subscribe/send', this.env.WECHAT_API_BASE);
      url.searchParams.set('access_token', accessToken);
      await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          touser: openId,
          template_id: this.env.WECHAT_SUBSCRIBE_TEMPLATE_ID,
          data: { thing1: { value: n.title.slice(0, 20) }, thing2: { value: n.body.slice(0, 20) } },
        }),
        signal: AbortSignal.timeout(this.env.WECHAT_TIMEOUT_MS),
      });
    } catch (err) {
      this.logger.warn(
        { reason: (err as Error).message, kind: n.kind },
        'subscribe message not sent',
      );
    }
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > Date.now()) return this.token.value;
    const url = new URL('/cgi-bin/token', this.env.WECHAT_API_BASE);
    url.search = new URLSearchParams({
      grant_type: 'client_credential',
      appid: this.env.WECHAT_APPID,
      secret: this.env.WECHAT_SECRET,
    }).toString();
    const res = (await (
      await fetch(url, { signal: AbortSignal.timeout(this.env.WECHAT_TIMEOUT_MS) })
    ).json()) as {
      access_token?: string;
      expires_in?: number;
    };
    if (!res.access_token) throw new Error('no access_token');
    this.token = {
      value: res.access_token,
      expiresAt: Date.now() + ((res.expires_in ?? 7200) - 300) * 1000,
    };
    return res.access_token;
  }
}
