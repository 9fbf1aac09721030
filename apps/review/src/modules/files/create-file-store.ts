import type { ReviewEnv } from '../../review.env.js';
import { LocalFileStore, type FileStore } from './file-store.js';
import { S3FileStore } from './s3-file-store.js';

/** STORAGE_DRIVER picks the store; the env schema already refused an incomplete S3 configuration. */
export function createFileStore(env: ReviewEnv): FileStore {
  if (env.STORAGE_DRIVER === 's3') {
    return new S3FileStore({
      endpoint: env.S3_ENDPOINT!,
      region: env.S3_REGION,
      bucket: env.S3_BUCKET!,
      accessKeyId: env.S3_ACCESS_KEY_ID!,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY!,
    });
  }
  return new LocalFileStore(env.STORAGE_DIR);
}
