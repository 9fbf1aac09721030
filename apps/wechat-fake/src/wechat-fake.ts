import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WechatFake {
  url: string;
  port: number;
  /** Codes exchanged so far. Unlike WeChat, a code may be exchanged again (tests reuse them). */
  exchanged: string[];
  close(): Promise<void>;
}

/**
 * A stand-in for WeChat's `GET /sns/jscode2session` for development and tests:
 * `code-<openid>` → `{openid, session_key}`; `bad-code` → errcode 40029; `busy-code` → errcode -1;
 * missing appid/secret → 40013 — the shapes WeChat documents. `code-<openid>.<n>` also gives <openid>.
 */
export async function startWechatFake(
  options: { port?: number; host?: string } = {},
): Promise<WechatFake> {
  const exchanged: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
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
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
