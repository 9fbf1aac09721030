import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export interface EncryptedIdNumber {
  /** base64(iv ‖ tag ‖ ciphertext) */
  ciphertext: string;
  keyId: string;
}

/**
 * National ID numbers at rest: AES-256-GCM with a random 96-bit IV per value and the key id
 * stored beside it (old keys stay readable after rotation), plus an HMAC-SHA256 blind index for
 * exact look-ups. Plain class, no Nest: the bench and tests build it directly.
 */
export class IdNumberCipher {
  private readonly keys: Map<string, Buffer>;

  constructor(
    private readonly currentKeyId: string,
    currentKey: Buffer,
    private readonly blindIndexKey: Buffer,
    oldKeys: Map<string, Buffer> = new Map(),
  ) {
    if (currentKey.length !== 32 || blindIndexKey.length !== 32)
      throw new Error('keys must be 32 bytes');
    this.keys = new Map([...oldKeys, [currentKeyId, currentKey]]);
  }

  static fromEnv(env: {
    ID_ENCRYPTION_KEY: string;
    ID_ENCRYPTION_KEY_ID: string;
    BLIND_INDEX_KEY: string;
    ID_ENCRYPTION_OLD_KEYS?: string | undefined;
  }): IdNumberCipher {
    const old = new Map<string, Buffer>();
    for (const entry of (env.ID_ENCRYPTION_OLD_KEYS ?? '').split(',').filter(Boolean)) {
      const [kid, key] = entry.split(':');
      if (!kid || !key) throw new Error('ID_ENCRYPTION_OLD_KEYS: expected kid:base64,...');
      old.set(kid, Buffer.from(key, 'base64'));
    }
    return new IdNumberCipher(
      env.ID_ENCRYPTION_KEY_ID,
      Buffer.from(env.ID_ENCRYPTION_KEY, 'base64'),
      Buffer.from(env.BLIND_INDEX_KEY, 'base64'),
      old,
    );
  }

  /** The key id new values are encrypted under. */
  get keyId(): string {
    return this.currentKeyId;
  }

  /** Key ids this cipher can still decrypt besides the current one (older keys, for re-encryption). */
  get olderKeyIds(): string[] {
    return [...this.keys.keys()].filter((k) => k !== this.currentKeyId);
  }

  encrypt(idNumber: string): EncryptedIdNumber {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    const body = Buffer.concat([cipher.update(idNumber, 'utf8'), cipher.final()]);
    return {
      ciphertext: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'),
      keyId: this.currentKeyId,
    };
  }

  decrypt(value: EncryptedIdNumber): string {
    const key = this.keys.get(value.keyId);
    if (!key) throw new Error(`no key ${value.keyId} to decrypt an ID number`);
    const raw = Buffer.from(value.ciphertext, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  /** Deterministic, keyed: equal ID numbers give equal indexes, nothing else can be learned. */
  blindIndex(idNumber: string): string {
    return createHmac('sha256', this.blindIndexKey).update(idNumber).digest('base64url');
  }

  /** Generic bytes (roster upload parts) under the current key. */
  encryptBytes(data: Buffer): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    const body = Buffer.concat([cipher.update(data), cipher.final()]);
    return Buffer.concat([
      Buffer.from(this.currentKeyId.padEnd(32, ' ')),
      iv,
      cipher.getAuthTag(),
      body,
    ]);
  }

  decryptBytes(raw: Buffer): Buffer {
    const key = this.keys.get(raw.subarray(0, 32).toString().trim());
    if (!key) throw new Error('no key to decrypt an upload part');
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(32, 44));
    decipher.setAuthTag(raw.subarray(44, 60));
    return Buffer.concat([decipher.update(raw.subarray(60)), decipher.final()]);
  }
}
