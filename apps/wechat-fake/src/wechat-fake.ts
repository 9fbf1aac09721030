import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SubscribeMessage {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
}

export interface WechatFake {
  url: string;
  port: number;
  /** Codes exchanged so far. Unlike WeChat, a code may be exchanged again (tests reuse them). */
  exchanged: string[];
  /** Subscribe messages accepted so far, in order. */
  subscribeMessages: SubscribeMessage[];
  /** Makes the current access token invalid (as WeChat does when one leaks or expires). */
  expireAccessToken(): void;
  close(): Promise<void>;
}

/**
 * A stand-in for WeChat's server API for development and tests, with the shapes WeChat documents:
 * - `GET /sns/jscode2session`: `code-<openid>` → `{openid, session_key}`; `bad-code` → errcode
 *   40029; `busy-code` → errcode -1; missing appid/secret → 40013. `code-<openid>.<n>` also gives
 *   <openid>.
 * - `POST /cgi-bin/stable_token` `{grant_type, appid, secret}` → `{access_token, expires_in}`.
 * - `POST /cgi-bin/message/subscribe/send?access_token=` `{touser, template_id, data}` →
 *   `{errcode: 0}`; a stale token → 40001; a `touser` starting with `refused` → 43101 (the user
 *   did not subscribe).
 */
export async function startWechatFake(
  options: { port?: number; host?: string } = {},
): Promise<WechatFake> {
  const exchanged: string[] = [];
  const subscribeMessages: SubscribeMessage[] = [];
  let tokenSeq = 0;
  let accessToken = `token-${++tokenSeq}`;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (
      req.method === 'POST' &&
      (url.pathname === '/cgi-bin/stable_token' ||
        url.pathname === '/cgi-bin/message/subscribe/send')
    ) {
      let raw = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (raw += chunk));
      req.on('end', () => {
        let body: Record<string, unknown>;
        try {
          body = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          return send({ errcode: 47001, errmsg: 'data format error' });
        }
        if (url.pathname === '/cgi-bin/stable_token') {
          if (!body['appid'] || !body['secret'] || body['grant_type'] !== 'client_credential') {
            return send({ errcode: 40013, errmsg: 'invalid appid' });
          }
          return send({ access_token: accessToken, expires_in: 7200 });
        }
        if (url.searchParams.get('access_token') !== accessToken) {
          return send({
            errcode: 40001,
            errmsg: 'invalid credential, access_token is invalid or not latest',
          });
        }
        const message = body as unknown as SubscribeMessage;
        if (
          typeof message.touser !== 'string' ||
          typeof message.template_id !== 'string' ||
          typeof message.data !== 'object'
        ) {
          return send({ errcode: 47003, errmsg: 'argument invalid' });
        }
        if (message.touser.startsWith('refused'))
          return send({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
        subscribeMessages.push(message);
        return send({ errcode: 0, errmsg: 'ok' });
      });
      return;
    }
    if (req.method !== 'GET' || url.pathname !== '/sns/jscode2session') {
      res.writeHead(404).end();
      return;
    }
    const code = url.searchParams.get('js_code') ?? '';
    if (!url.searchParams.get('appid') || !url.searchParams.get('secret')) {
      return send({ errcode: 40013, errmsg: 'invalid appid' });
    }
    if (url.searchParams.get('grant_type') !== 'authorization_code') {
      return send({ errcode: 40002, errmsg: 'invalid grant_type' });
    }
    if (code === 'busy-code') return send({ errcode: -1, errmsg: 'system error' });
    const match = /^code-([A-Za-z0-9_-]{1,64})(?:\.\d+)?$/.exec(code);
    if (!match) return send({ errcode: 40029, errmsg: 'invalid code' });
    exchanged.push(code);
    return send({ openid: match[1], session_key: Buffer.from(code).toString('base64') });
  });
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve),
  );
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    exchanged,
    subscribeMessages,
    expireAccessToken: () => {
      accessToken = `token-${++tokenSeq}`;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
