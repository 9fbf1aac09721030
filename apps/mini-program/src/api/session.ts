import Taro from '@tarojs/taro';

/** The access token lives in the mini-program's storage (Taro.setStorageSync in both targets). */
const TOKEN_KEY = 'netsign.token';
const OPENID_KEY = 'netsign.h5-openid';

export function getToken(): string | null {
  const token: unknown = Taro.getStorageSync(TOKEN_KEY);
  return typeof token === 'string' && token ? token : null;
}

export function setToken(token: string): void {
  Taro.setStorageSync(TOKEN_KEY, token);
}

export function clearToken(): void {
  Taro.removeStorageSync(TOKEN_KEY);
}

/**
 * The login code. In WeChat, Taro.login. In H5 there is no WeChat: the bundled WeChat fake
 * (apps/wechat-fake) answers `code-<openid>` with that openid, so each browser keeps one openid
 * (a test may choose it with `?openid=` on the login page).
 */
export async function loginCode(openidFromUrl?: string): Promise<string> {
  if (process.env.TARO_ENV === 'weapp') {
    const { code } = await Taro.login();
    return code;
  }
  if (openidFromUrl) Taro.setStorageSync(OPENID_KEY, openidFromUrl);
  let openid: unknown = Taro.getStorageSync(OPENID_KEY);
  if (typeof openid !== 'string' || !openid) {
    openid = `h5-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
    Taro.setStorageSync(OPENID_KEY, openid);
  }
  return `code-${openid as string}`;
}
