import { z } from 'zod';

/**
 * Variables of the delivery half of dispatch-sync; merge into the service's env schema
 * (`commonEnvSchema.extend(deliveryEnvSchema.shape)`). The URL and secret are API.md's.
 */
export const deliveryEnvSchema = z.object({
  PROVINCE_DISPATCH_URL: z
    .string()
    .refine((v) => /^https?:$/.test(safeProtocol(v)), 'must be an http(s) URL')
    .default('http://127.0.0.1:3900'),
  PROVINCE_DISPATCH_SECRET: z.string().min(8).default('dev-dispatch-secret'),
  /** Records in flight at once (distinct graduates), per replica. */
  DISPATCH_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  DISPATCH_REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** ~1 h of retries with the defaults below before a record goes DEAD. */
  DISPATCH_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(15),
  DISPATCH_RETRY_BASE_MS: z.coerce.number().int().positive().default(1_000),
  DISPATCH_RETRY_MAX_MS: z.coerce.number().int().positive().default(600_000),
  /**
   * `off` for a province that files only agreements: destinations recorded by schools and unlocks
   * are then not sent (decision 0007). Records already logged are sent either way.
   */
  PROVINCE_DESTINATION_RECORDS: z.enum(['on', 'off']).default('on'),
});
export type DeliveryEnv = z.infer<typeof deliveryEnvSchema>;

function safeProtocol(value: string): string {
  try {
    return new URL(value).protocol;
  } catch {
    return '';
  }
}
