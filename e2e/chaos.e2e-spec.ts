import { describe, it } from '@jest/globals';
import { runChaos } from './support/chaos-run.js';

/**
 * The 2-minute chaos run (chaos/main.ts, docs/reliability.md) with a fixed seed, so that a failure
 * replays with `npm run chaos -- --minutes=2 --seed=20261130`: two replicas of every process
 * under a mixed load, processes SIGKILLed every few seconds, NATS, Redis and Postgres (the run's
 * own) restarted once each, the provincial stand-in flaky and away; then every invariant must
 * hold. Runs the built system (dist/, as .ci/run builds before the tests).
 */
const SEED = 20261130;
/** ~4 minutes on a quiet 2-core machine (start-up, 2 minutes of load, quiescence, checks). */
const TIMEOUT_MS = 600_000;

describe('chaos: two replicas of everything under load and faults', () => {
  it(
    'keeps every invariant',
    async () => {
      await runChaos(['--minutes=2', `--seed=${SEED}`], TIMEOUT_MS);
    },
    TIMEOUT_MS,
  );
});
