import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestContext } from '@netsign/contracts';

/** The caller and correlation id of the work in progress, for logs and for events it emits. */
export const requestContextStorage = new AsyncLocalStorage<RequestContext>();

export function currentRequestContext(): RequestContext | undefined {
  return requestContextStorage.getStore();
}
