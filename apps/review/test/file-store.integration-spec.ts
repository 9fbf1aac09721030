import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { contentKey, LocalFileStore } from '../src/modules/files/file-store.js';

describe('local file store (real file system)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'review-store-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes by content address, reads ranges, and a repeated write leaves one file and no temporaries', async () => {
    const store = new LocalFileStore(dir);
    const key = contentKey('ab'.repeat(32));
    const data = Buffer.from('%PDF-1.7 hello world');
    await Promise.all([store.put(key, data), store.put(key, data)]);
    await store.put(key, data);
    expect((await store.read(key, 0, 1024)).equals(data)).toBe(true);
    expect((await store.read(key, 9, 5)).toString()).toBe('hello');
    expect(await store.read(key, 1000, 10)).toHaveLength(0);
    expect(await readdir(join(dir, 'sha256', 'ab'))).toEqual(['ab'.repeat(32)]);
  });

  it('refuses keys that could leave the storage directory', async () => {
    const store = new LocalFileStore(dir);
    await expect(store.put('../escape', Buffer.from('x'))).rejects.toThrow(/invalid storage key/);
    await expect(store.read('sha256/../../etc/passwd', 0, 10)).rejects.toThrow(
      /invalid storage key/,
    );
  });
});
