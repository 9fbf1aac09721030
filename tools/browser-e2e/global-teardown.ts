import { existsSync, readFileSync, rmSync } from 'node:fs';
import { stopSystem, type SystemUnderTest } from './system.js';

export default async function globalTeardown(): Promise<void> {
  const file = 'reports/browser-e2e/system.json';
  if (!existsSync(file)) return;
  const system = JSON.parse(readFileSync(file, 'utf8')) as SystemUnderTest;
  await stopSystem(system);
  rmSync(file);
}
