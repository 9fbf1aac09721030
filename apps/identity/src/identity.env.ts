import { commonEnvSchema } from '@netsign/config';

export const identityEnvSchema = commonEnvSchema;
export type IdentityEnv = typeof identityEnvSchema._output;
