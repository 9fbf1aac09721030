import { z } from 'zod';
import { commonEnvSchema } from '@netsign/config';

/**
 * Development/test keys for personal data. Production refuses to start without real ones
 * (see `superRefine` below), so these never protect real ID numbers.
 */
const DEV_ID_KEY = Buffer.alloc(32, 7).toString('base64');
const DEV_BLIND_KEY = Buffer.alloc(32, 11).toString('base64');
const DEV_SIGNING_KEY_KEY = Buffer.alloc(32, 13).toString('base64');

const key32 = z
  .string()
  .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded');

export const identityEnvSchema = commonEnvSchema
  .extend({
    /**
     * PKCS#8 PEM of an Ed25519 key; if unset, one is generated once and kept in the database,
     * encrypted with SIGNING_KEY_ENCRYPTION_KEY (AES-256-GCM, 32 bytes base64).
     */
    JWT_PRIVATE_KEY: z.string().optional(),
    SIGNING_KEY_ENCRYPTION_KEY: key32.optional(),
    JWT_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
    /** If set and no province admin exists, user `admin` is created with it. */
    BOOTSTRAP_ADMIN_PASSWORD: z.string().min(8).optional(),
    /** AES-256-GCM key for national ID numbers at rest, and its id (stored per row, for rotation). */
    ID_ENCRYPTION_KEY: key32.optional(),
    ID_ENCRYPTION_KEY_ID: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/)
      .optional(),
    /** Earlier keys still needed to decrypt old rows: `kid:base64,kid:base64`. */
    ID_ENCRYPTION_OLD_KEYS: z.string().optional(),
    /** HMAC-SHA256 key of the blind index used to look ID numbers up without decrypting. */
    BLIND_INDEX_KEY: key32.optional(),
    WECHAT_APPID: z.string().default('wx-dev-appid'),
    WECHAT_SECRET: z.string().default('wx-dev-secret'),
    WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
    WECHAT_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
    /** Subscribe-message template for inbox items; WeChat pushes stay off unless set. */
    WECHAT_SUBSCRIBE_TEMPLATE_ID: z.string().optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== 'production') return;
    // Without it the development key would protect the stored signing key: anyone with a dump and
    // this source code could sign tokens. (It encrypts stored keys even with JWT_PRIVATE_KEY set.)
    for (const name of [
      'ID_ENCRYPTION_KEY',
      'ID_ENCRYPTION_KEY_ID',
      'BLIND_INDEX_KEY',
      'SIGNING_KEY_ENCRYPTION_KEY',
    ] as const) {
      if (!env[name])
        ctx.addIssue({ code: 'custom', path: [name], message: 'required in production' });
    }
  })
  .transform((env) => ({
    ...env,
    ID_ENCRYPTION_KEY: env.ID_ENCRYPTION_KEY ?? DEV_ID_KEY,
    ID_ENCRYPTION_KEY_ID: env.ID_ENCRYPTION_KEY_ID ?? 'dev1',
    BLIND_INDEX_KEY: env.BLIND_INDEX_KEY ?? DEV_BLIND_KEY,
    SIGNING_KEY_ENCRYPTION_KEY: env.SIGNING_KEY_ENCRYPTION_KEY ?? DEV_SIGNING_KEY_KEY,
  }));
export type IdentityEnv = z.infer<typeof identityEnvSchema>;
