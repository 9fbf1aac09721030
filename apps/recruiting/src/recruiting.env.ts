import { commonEnvSchema } from '@netsign/config';

export const recruitingEnvSchema = commonEnvSchema;
export type RecruitingEnv = typeof recruitingEnvSchema._output;
