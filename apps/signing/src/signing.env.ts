import { z } from 'zod';
import { commonEnvSchema } from '@netsign/config';

export const signingEnvSchema = commonEnvSchema.extend({
  /** Base of the link a QR business card encodes (API.md). */
  PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),
  /** How long a QR business card stays valid: short, it is shown face to face. */
  QR_CARD_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(600),
});
export type SigningEnv = z.infer<typeof signingEnvSchema>;

export const SIGNING_ENV = Symbol('signing:env');
