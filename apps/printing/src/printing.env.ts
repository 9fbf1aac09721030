import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { commonEnvSchema } from '@netsign/config';

export const printingEnvSchema = commonEnvSchema
  .extend({
    /** `api`: NATS handlers and event consumers; `worker`: also renders PDFs from the queue; `all`: both. */
    PRINT_ROLE: z.enum(['api', 'worker', 'all']).default('all'),
    PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),
    STORAGE_DIR: z.string().min(1).default('./data/files'),
    CHROMIUM_PATH: z.string().optional(),
    PRINT_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(availableParallelism()),
    PRINT_JOB_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
    /** Documents one browser renders before it is replaced by a fresh one (bounds its memory). */
    PRINT_RECYCLE_AFTER: z.coerce.number().int().min(1).default(300),
    /** Noto Sans CJK SC, regular and bold, as Debian's fonts-noto-cjk installs it (TTC + face name). */
    PRINT_CJK_FONT_PATH: z
      .string()
      .min(1)
      .default('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'),
    PRINT_CJK_FONT_NAME: z.string().min(1).default('NotoSansCJKsc-Regular'),
    PRINT_CJK_BOLD_FONT_PATH: z
      .string()
      .min(1)
      .default('/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc'),
    PRINT_CJK_BOLD_FONT_NAME: z.string().min(1).default('NotoSansCJKsc-Bold'),
    /** PKCS#8 PEM of the Ed25519 key signing verification QR tokens; generated once if unset. */
    VERIFICATION_PRIVATE_KEY: z.string().optional(),
    /**
     * The PKCS#12 bundle (RSA key + certificate) every agreement PDF is signed with: a file path,
     * or the bundle itself base64-encoded. Required in production; elsewhere a self-signed one is
     * generated once and kept in the database, so every process signs with the same certificate.
     */
    PDF_SIGNING_P12: z.string().min(1).optional(),
    PDF_SIGNING_P12_PASSPHRASE: z.string().default(''),
  })
  .superRefine((env, ctx) => {
    // A generated certificate would be kept in the database with its key: fine for development,
    // not for agreements people rely on.
    if (env.NODE_ENV === 'production' && !env.PDF_SIGNING_P12) {
      ctx.addIssue({
        code: 'custom',
        path: ['PDF_SIGNING_P12'],
        message: 'required in production',
      });
    }
  });
export type PrintingEnv = z.infer<typeof printingEnvSchema>;

export const PRINTING_ENV = Symbol('netsign:printing-env');
