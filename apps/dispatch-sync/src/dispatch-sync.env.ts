import { commonEnvSchema } from '@netsign/config';

export const dispatchSyncEnvSchema = commonEnvSchema;
export type DispatchSyncEnv = typeof dispatchSyncEnvSchema._output;
