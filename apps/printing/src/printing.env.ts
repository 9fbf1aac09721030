import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { commonEnvSchema } from '@netsign/config';

export const printingEnvSchema = commonEnvSchema.extend({
  /** `api`: NATS handlers and event consumers; `worker`: also renders PDFs from the queue; `all`: both. */
  PRINT_ROLE: z.enum(['api', 'worker', 'all']).default('all'),
  PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),
  STORAGE_DIR: z.string().min(1).default('./data/files'),
  CHROMIUM_PATH: z.string().optional(),
  PRINT_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(availableParallelism()),
  PRINT_JOB_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /** PKCS#8 PEM of the Ed25519 key signing verification QR tokens; generated once if unset. */
  VERIFICATION_PRIVATE_KEY: z.string().optional(),
});
export type PrintingEnv = z.infer<typeof printingEnvSchema>;

export const PRINTING_ENV = Symbol('netsign:printing-env');
