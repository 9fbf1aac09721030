import { z } from 'zod';
import { commonEnvSchema } from '@netsign/config';

export const reviewEnvSchema = commonEnvSchema
  .extend({
    /** A pending review task older than this many days is flagged overdue. */
    REVIEW_OVERDUE_DAYS: z.coerce.number().min(0).max(365).default(3),
    /** Uploaded files (API.md). */
    STORAGE_DIR: z.string().min(1).default('./data/files'),
    /** `local` keeps files under STORAGE_DIR; `s3` uses an S3-compatible store (S3_* below). */
    STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
    S3_ENDPOINT: z.url().optional(),
    S3_REGION: z.string().default('us-east-1'),
    S3_BUCKET: z.string().optional(),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    /** Parts of an upload that was never completed are removed after this long. */
    UPLOAD_PART_TTL_MINUTES: z.coerce.number().int().positive().default(60),
  })
  .refine(
    (e) =>
      e.STORAGE_DRIVER !== 's3' ||
      (e.S3_ENDPOINT && e.S3_BUCKET && e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY),
    {
      message:
        'STORAGE_DRIVER=s3 needs S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY',
      path: ['STORAGE_DRIVER'],
    },
  );
export type ReviewEnv = z.infer<typeof reviewEnvSchema>;

export const REVIEW_ENV = Symbol('review:env');
