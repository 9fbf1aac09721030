import { z } from 'zod';
import { commonEnvSchema } from '@netsign/config';

export const identityEnvSchema = commonEnvSchema.extend({
  /** PKCS#8 PEM of an Ed25519 key; if unset, one is generated once and kept in the database. */
  JWT_PRIVATE_KEY: z.string().optional(),
  JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
});
export type IdentityEnv = z.infer<typeof identityEnvSchema>;
