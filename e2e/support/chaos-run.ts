import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect } from '@jest/globals';

const MAIN = 'dist/chaos/main.js';

/** The invariants every chaos run prints, each of which must read HELD. */
export const CHAOS_INVARIANTS = [
  'quiescence after the last fault',
  'every 2xx signing exists exactly once',
  'no graduate has two active agreements',
  'every approved agreement has exactly one current PDF',
  'every terminated agreement verifies as terminated',
  'the province holds one accepted record per approval and termination',
  'no outbox row unpublished',
  'no consumer lag',
  'no parked event',
  'statistics counters equal a recount',
  'no full ID number in any log line',
];

/**
 * Runs the built chaos run (dist/, as .ci/run builds before the tests) with these options, stopped
 * (it then stops every process and server it started) `marginMs` before `timeoutMs`; prints the
 * report (or, on failure, the end of the whole output) and checks that every invariant held.
 * Returns the report.
 */
export async function runChaos(
  options: string[],
  timeoutMs: number,
  marginMs = 30_000,
): Promise<string> {
  expect(existsSync(MAIN) ? MAIN : `${MAIN} missing: run npm run build first`).toBe(MAIN);
  const child = spawn(process.execPath, [MAIN, ...options], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const deadline = setTimeout(() => child.kill('SIGTERM'), timeoutMs - marginMs);
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  clearTimeout(deadline);
  const report = output.slice(output.indexOf('== chaos'));
  // Every invariant with its count in the CI log; on failure the whole output (what broke, with what).
  console.log(code === 0 ? `${faultLines(output)}\n${report}` : output.slice(-20_000));
  for (const name of CHAOS_INVARIANTS) {
    expect(report).toMatch(new RegExp(`HELD +${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  }
  expect(report).toMatch(/\d+ held, 0 broken/);
  expect(code).toBe(0);
  return output;
}

/** The infrastructure faults of the run (restarts, a cluster node's loss), for the log. */
function faultLines(output: string): string {
  return output
    .split('\n')
    .filter((l) => /\[fault\] (restarting|.* back)/.test(l))
    .join('\n');
}
