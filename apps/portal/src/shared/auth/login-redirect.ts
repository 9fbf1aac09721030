/** Where the login page sends a person back to: a path of this site, never another origin. */
export function loginPath(from: string): string {
  return from && from !== '/' && !from.startsWith('/login')
    ? `/login?from=${encodeURIComponent(from)}`
    : '/login';
}

export function safeReturnPath(raw: string | null): string {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/login')) return '/';
  return raw;
}
