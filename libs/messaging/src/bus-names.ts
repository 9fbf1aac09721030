import type { ServiceName } from '@netsign/contracts';

/**
 * Everything on the bus is namespaced by BUS_PREFIX so that test runs (and, if wanted, several
 * deployments) can share one NATS server without hearing each other. Empty in production.
 */
export class BusNames {
  constructor(readonly prefix: string) {}

  subject(subject: string): string {
    return this.prefix ? `${this.prefix}.${subject}` : subject;
  }

  /** The JetStream stream holding the events one service publishes. */
  stream(service: ServiceName): string {
    const base = `EVENTS_${service.replace(/-/g, '_').toUpperCase()}`;
    return this.prefix ? `${this.prefix.toUpperCase()}_${base}` : base;
  }

  streamSubjects(service: ServiceName): string[] {
    return [this.subject(`${service}.evt.>`)];
  }

  durable(consumerService: ServiceName, subscription: string): string {
    return `${consumerService}__${subscription}`.replace(/[^A-Za-z0-9_-]/g, '_');
  }
}
