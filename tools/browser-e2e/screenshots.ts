import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a client's browser tests save their screenshots: under reports/ on every run, so that
 * `npm test` leaves the tree clean; into docs/{app}/ (the pictures the README shows) when
 * `npm run screenshots` runs them with UPDATE_SCREENSHOTS=1.
 */
export function screenshotDir(app: 'portal' | 'mini-program'): string {
  const dir =
    process.env.UPDATE_SCREENSHOTS === '1'
      ? join('docs', app)
      : join('reports', 'browser-e2e', 'screenshots', app);
  mkdirSync(dir, { recursive: true });
  return dir;
}
