import { commonEnvSchema } from '@netsign/config';

export const signingEnvSchema = commonEnvSchema;
export type SigningEnv = typeof signingEnvSchema._output;
