import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';

/**
 * The 2-minute chaos run (chaos/main.ts, docs/reliability.md) with a fixed seed, so that a failure
 * replays with `npm run chaos -- --minutes=2 --seed=20261130`: two replicas of every process
 * under a mixed load, processes SIGKILLed every few seconds, NATS, Redis and Postgres (the run's
 * own) restarted once each, the provincial stand-in flaky and away; then every invariant must
 * hold. Runs the built system (dist/, as .ci/run builds before the tests).
 */
const SEED = 20261130;
const MAIN = 'dist/chaos/main.js';
/** ~4 minutes on a quiet 2-core machine (start-up, 2 minutes of load, quiescence, checks). */
const TIMEOUT_MS = 600_000;

describe('chaos: two replicas of everything under load and faults', () => {
  it(
    'keeps every invariant',
    async () => {
      expect(existsSync(MAIN) ? MAIN : `${MAIN} missing: run npm run build first`).toBe(MAIN);
      const child = spawn(process.execPath, [MAIN, '--minutes=2', `--seed=${SEED}`], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
      // Stopped (it then stops every process and server it started) before Jest's own timeout.
      const deadline = setTimeout(() => child.kill('SIGTERM'), TIMEOUT_MS - 30_000);
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      clearTimeout(deadline);
      const report = output.slice(output.indexOf('== chaos'));
      // Every invariant with its count in the CI log; on failure the whole output (what broke, with what).
      console.log(code === 0 ? report : output.slice(-20_000));
      for (const name of [
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
      ]) {
        expect(report).toMatch(new RegExp(`HELD +${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      }
      expect(report).toMatch(/\d+ held, 0 broken/);
      expect(code).toBe(0);
    },
    TIMEOUT_MS,
  );
});
