import {
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import type { ServiceName } from '@netsign/contracts';
import type { BusNames } from '../bus-names.js';
import { retryUnanswered } from './retry-unanswered.js';

/** Events are kept for 90 days; a consumer that was down for less than that catches up. */
const MAX_AGE_MS = 90 * 24 * 3600 * 1000;
/** Republishing an event id within this window is dropped by JetStream (relay retries). */
const DUPLICATE_WINDOW_MS = 15 * 60 * 1000;

export interface EventStreamOptions {
  /**
   * Copies JetStream keeps (JETSTREAM_REPLICAS): 1 on one server, 3 in a three-node cluster. An
   * existing stream is scaled to it; every process of a deployment must be given the same count.
   */
  replicas: number;
}

/**
 * Creates (or brings up to date: subjects, duplicate window, replicas) the stream of one
 * publisher; safe to call from every process. A request a cluster leaves unanswered is retried.
 */
export function ensureEventStream(
  jsm: JetStreamManager,
  names: BusNames,
  service: ServiceName,
  options: EventStreamOptions,
): Promise<string> {
  return retryUnanswered(() => ensureEventStreamOnce(jsm, names, service, options));
}

async function ensureEventStreamOnce(
  jsm: JetStreamManager,
  names: BusNames,
  service: ServiceName,
  { replicas }: EventStreamOptions,
): Promise<string> {
  const name = names.stream(service);
  const config: Partial<StreamConfig> & { name: string } = {
    name,
    subjects: names.streamSubjects(service),
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: nanos(MAX_AGE_MS),
    duplicate_window: nanos(DUPLICATE_WINDOW_MS),
    num_replicas: replicas,
  };
  try {
    const info = await jsm.streams.info(name);
    const same =
      JSON.stringify(info.config.subjects) === JSON.stringify(config.subjects) &&
      info.config.duplicate_window === config.duplicate_window &&
      info.config.num_replicas === replicas;
    if (!same) await jsm.streams.update(name, config);
  } catch (err) {
    if (!isNotFound(err)) throw err;
    try {
      await jsm.streams.add(config);
    } catch (addErr) {
      // Another process created it in between: fine, it has the same config.
      if (
        !(await jsm.streams.info(name).then(
          () => true,
          () => false,
        ))
      )
        throw addErr;
    }
  }
  return name;
}

export function isNotFound(err: unknown): boolean {
  return (
    (err instanceof JetStreamApiError && (err.code === 404 || err.status === 404)) ||
    /not found/i.test(String((err as Error)?.message))
  );
}
