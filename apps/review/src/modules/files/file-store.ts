import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

/**
 * Where file bytes live. Keys are content addresses (`sha256/ab/abcdef…`): writing the same
 * content twice is harmless, so a retried upload never leaves two copies or a half file.
 */
export interface FileStore {
  put(key: string, data: Buffer): Promise<void>;
  read(key: string, offset: number, length: number): Promise<Buffer>;
}

export const FILE_STORE = Symbol('review:file-store');

export function contentKey(sha256: string): string {
  return `sha256/${sha256.slice(0, 2)}/${sha256}`;
}

/** Files under STORAGE_DIR; written to a temporary name, then renamed (atomic on one file system). */
export class LocalFileStore implements FileStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = resolve(root);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const path = this.pathOf(key);
    const existing = await stat(path).catch(() => null);
    if (existing?.size === data.length) return;
    await mkdir(dirname(path), { recursive: true });
    const tmp = `${path}.${randomUUID()}.tmp`;
    try {
      await writeFile(tmp, data, { flag: 'wx' });
      await rename(tmp, path);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      throw err;
    }
  }

  async read(key: string, offset: number, length: number): Promise<Buffer> {
    const handle = await open(this.pathOf(key), 'r');
    try {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, offset);
      return buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  }

  private pathOf(key: string): string {
    if (!/^[a-z0-9/]+$/.test(key) || key.includes('..'))
      throw new Error(`invalid storage key ${key}`);
    return join(this.root, key);
  }
}
