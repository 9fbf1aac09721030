import { commonEnvSchema } from '@netsign/config';

export const reviewEnvSchema = commonEnvSchema;
export type ReviewEnv = typeof reviewEnvSchema._output;
