import { isRole, type Role } from './roles';

/**
 * The signed-in session: the access token (kept in localStorage so a reload or a second tab stays
 * signed in) and the claims the UI needs at once (role, scope). The API decides what each call may
 * do; these claims only decide what the UI offers.
 */
export interface SessionClaims {
  userId: string;
  role: Role;
  schoolCode?: string;
  departmentCode?: string;
  employerId?: string;
  /** Seconds since the epoch. */
  expiresAt: number;
}

const TOKEN_KEY = 'netsign.portal.accessToken';
type Listener = () => void;
const listeners = new Set<Listener>();

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

export function getToken(): string | null {
  return storage()?.getItem(TOKEN_KEY) ?? null;
}

export function setToken(token: string | null): void {
  const store = storage();
  if (token) store?.setItem(TOKEN_KEY, token);
  else store?.removeItem(TOKEN_KEY);
  for (const listener of listeners) listener();
}

export function subscribeToken(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Reads the JWT's payload (no verification: the gateway verifies every call). */
export function decodeClaims(token: string | null): SessionClaims | null {
  if (!token) return null;
  const part = token.split('.')[1];
  if (!part) return null;
  try {
    const json = decodeURIComponent(
      Array.from(
        atob(part.replace(/-/g, '+').replace(/_/g, '/')),
        (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
      ).join(''),
    );
    const payload = JSON.parse(json) as Record<string, unknown>;
    if (!isRole(payload.role) || typeof payload.sub !== 'string' || typeof payload.exp !== 'number')
      return null;
    return {
      userId: payload.sub,
      role: payload.role,
      expiresAt: payload.exp,
      ...(typeof payload.schoolCode === 'string' ? { schoolCode: payload.schoolCode } : {}),
      ...(typeof payload.departmentCode === 'string'
        ? { departmentCode: payload.departmentCode }
        : {}),
      ...(typeof payload.employerId === 'string' ? { employerId: payload.employerId } : {}),
    };
  } catch {
    return null;
  }
}

/** The current claims, or null when signed out or the token has expired. */
export function currentClaims(now: number = Date.now()): SessionClaims | null {
  const claims = decodeClaims(getToken());
  return claims && claims.expiresAt * 1000 > now ? claims : null;
}

const EXPIRED_KEY = 'netsign.portal.sessionExpired';

/** Remembers, for the login page, that the last session was refused (401) rather than signed out. */
export function markSessionExpired(): void {
  try {
    window.sessionStorage.setItem(EXPIRED_KEY, '1');
  } catch {
    // storage unavailable: the login page simply says nothing
  }
}

/** True once after markSessionExpired(). */
export function takeSessionExpired(): boolean {
  try {
    const expired = window.sessionStorage.getItem(EXPIRED_KEY) === '1';
    window.sessionStorage.removeItem(EXPIRED_KEY);
    return expired;
  } catch {
    return false;
  }
}
