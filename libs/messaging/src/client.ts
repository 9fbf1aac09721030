/**
 * The client side of the bus, for a process without a database (the gateway): connecting, naming,
 * request/reply with the caller's context, the event streams it may ensure. Nothing here loads
 * `pg`, TypeORM or @netsign/persistence; the outbox, consumers and service runtime are in the
 * package's main entry (`@netsign/messaging`), which re-exports all of this.
 */
export * from './bus-names.js';
export * from './request-context.js';
export * from './nats.js';
export * from './rpc/bus-client.js';
export * from './rpc/unavailable.js';
export * from './rpc/compressing-serializer.js';
export * from './rpc/zod-details.js';
export * from './jetstream/streams.js';
export * from './messaging.tokens.js';
