import { describe, expect, it } from '@jest/globals';
import { runChaos } from './support/chaos-run.js';

/**
 * Issue 17: the chaos load of the whole-system proof against a three-node NATS cluster with every
 * stream and consumer on three nodes (JETSTREAM_REPLICAS=3). Mid-load the node leading the busiest
 * stream is SIGKILLed and comes back later with its store, beside the usual faults (processes
 * SIGKILLed every few seconds, Redis and Postgres restarted, the stand-in flaky and away); every
 * invariant must still hold — nothing lost, nothing doubled, each graduate's records in order.
 * One replica of each process, to leave the two cores to the three NATS nodes. Replay with
 * `npm run chaos -- --minutes=2 --seed=20261201 --replicas=1 --nats-cluster`.
 */
const SEED = 20261201;
const TIMEOUT_MS = 600_000;

describe('chaos on a three-node NATS cluster', () => {
  it(
    'keeps every invariant when the stream leader’s node dies mid-load',
    async () => {
      const output = await runChaos(
        ['--minutes=2', `--seed=${SEED}`, '--replicas=1', '--nats-cluster'],
        TIMEOUT_MS,
      );
      // The node that led the busiest stream died, another took the lead, and it came back.
      expect(output).toMatch(
        /\[fault\] nats back: node (n\d) \(leader of stream \S+\) SIGKILLed; (?!\1)n\d led it [\d.]+ s later; \1 back after/,
      );
    },
    TIMEOUT_MS,
  );
});
