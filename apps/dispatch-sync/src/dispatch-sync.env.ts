import { z } from 'zod';
import { commonEnvSchema } from '@netsign/config';
import { deliveryEnvSchema } from './modules/delivery/delivery.env.js';

export const dispatchSyncEnvSchema = commonEnvSchema.extend(deliveryEnvSchema.shape);
export type DispatchSyncEnv = z.infer<typeof dispatchSyncEnvSchema>;

export const DISPATCH_ENV = Symbol('netsign:dispatch-sync-env');
