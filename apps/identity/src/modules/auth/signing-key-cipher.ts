import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * The token-signing private key at rest: AES-256-GCM under SIGNING_KEY_ENCRYPTION_KEY, as ID
 * numbers are under ID_ENCRYPTION_KEY (docs/decisions/0002), so a database dump or backup holds no
 * key that could sign a token. The stored value is `base64(iv ‖ tag ‖ ciphertext)`, beside the id
 * of the key that encrypted it (the first 16 hex digits of its SHA-256), so that a wrong key is
 * named at boot instead of failing as a garbled key. Plain class: the migration builds one too.
 */
export class SigningKeyCipher {
  readonly keyId: string;

  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('SIGNING_KEY_ENCRYPTION_KEY must be 32 bytes');
    this.keyId = createHash('sha256').update(key).digest('hex').slice(0, 16);
  }

  static fromEnv(env: { SIGNING_KEY_ENCRYPTION_KEY: string }): SigningKeyCipher {
    return new SigningKeyCipher(Buffer.from(env.SIGNING_KEY_ENCRYPTION_KEY, 'base64'));
  }

  encrypt(pem: string): { ciphertext: string; keyId: string } {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(pem, 'utf8'), cipher.final()]);
    return {
      ciphertext: Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64'),
      keyId: this.keyId,
    };
  }

  decrypt(value: { ciphertext: string; keyId: string }): string {
    if (value.keyId !== this.keyId) {
      throw new Error(
        `the token-signing key is encrypted under key ${value.keyId}, but SIGNING_KEY_ENCRYPTION_KEY is key ${this.keyId}`,
      );
    }
    const raw = Buffer.from(value.ciphertext, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}
