import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { ESLint } from 'eslint';

/** The lint rule that keeps apps apart: an app importing another app must fail lint. */
describe('module boundaries', () => {
  const probe = 'apps/review/src/boundary-probe.ts';
  let eslint: ESLint;

  beforeAll(() => {
    // The Nx rule reads the cached project graph; compute it as `npm run lint` does.
    execSync('npx nx show projects', {
      env: { ...process.env, NX_DAEMON: 'false' },
      stdio: 'ignore',
    });
    eslint = new ESLint({ cwd: process.cwd() });
  }, 60_000);

  afterAll(() => rmSync(probe, { force: true }));

  it('fails lint when an app imports another app', async () => {
    writeFileSync(
      probe,
      `import { identityService } from '../../identity/src/identity.service.js';\nexport const probe = identityService.name;\n`,
    );
    const [result] = await eslint.lintFiles([probe]);
    const rules = result!.messages.map((m) => m.ruleId);
    expect(rules).toContain('@nx/enforce-module-boundaries');
  }, 60_000);

  it('passes when an app imports a library', async () => {
    writeFileSync(
      probe,
      `import { SERVICE_NAMES } from '@netsign/contracts';\nexport const probe = SERVICE_NAMES.length;\n`,
    );
    const [result] = await eslint.lintFiles([probe]);
    expect(result!.messages.filter((m) => m.severity === 2)).toEqual([]);
  }, 60_000);
});
