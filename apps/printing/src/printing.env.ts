import { commonEnvSchema } from '@netsign/config';

export const printingEnvSchema = commonEnvSchema;
export type PrintingEnv = typeof printingEnvSchema._output;
