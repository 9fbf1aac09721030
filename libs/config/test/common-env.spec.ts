import { describe, expect, it } from '@jest/globals';
import { commonEnvSchema, natsServers } from '../src/index.js';

describe('NATS_URL and JETSTREAM_REPLICAS', () => {
  it('takes one server or a cluster comma-separated', () => {
    expect(natsServers('nats://127.0.0.1:4222')).toEqual(['nats://127.0.0.1:4222']);
    expect(natsServers('nats://a:4222, nats://b:4222,nats://c:4222')).toEqual([
      'nats://a:4222',
      'nats://b:4222',
      'nats://c:4222',
    ]);
    const env = commonEnvSchema.parse({
      NATS_URL: 'nats://a:4222,tls://b:4222',
      JETSTREAM_REPLICAS: '3',
    });
    expect([env.NATS_URL, env.JETSTREAM_REPLICAS]).toEqual(['nats://a:4222,tls://b:4222', 3]);
  });

  it('defaults to one local server and one replica', () => {
    const env = commonEnvSchema.parse({});
    expect([env.NATS_URL, env.JETSTREAM_REPLICAS]).toEqual(['nats://127.0.0.1:4222', 1]);
  });

  it('refuses a list with a server that is not a NATS URL, and replica counts JetStream does not take', () => {
    for (const NATS_URL of ['nats://a:4222,http://b:80', 'nats://a:4222,not a url', ',', '']) {
      expect([NATS_URL, commonEnvSchema.safeParse({ NATS_URL }).success]).toEqual([
        NATS_URL,
        false,
      ]);
    }
    for (const JETSTREAM_REPLICAS of ['0', '6', '1.5', 'three']) {
      expect([
        JETSTREAM_REPLICAS,
        commonEnvSchema.safeParse({ JETSTREAM_REPLICAS }).success,
      ]).toEqual([JETSTREAM_REPLICAS, false]);
    }
  });
});
