import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

interface Key {
  id: string;
  bytes: Buffer;
}

const VERSION = 'v1';

/**
 * Seals what the proxy keeps about its users (refresh and access tokens, CSRF tokens) before it
 * reaches a store: AES-256-GCM, with a key derived from SESSION_SECRET by HKDF-SHA256. Each
 * sealed value names its key, so that after a rotation (the new SESSION_SECRET, the old one in
 * SESSION_SECRET_PREVIOUS) values sealed with the old key still open; new ones use the new key.
 * A value altered, or sealed with a key no longer given, does not open: undefined.
 */
export class Sealer {
  private readonly keys: Key[];

  /** `secrets[0]` seals; every one of them opens. */
  constructor(secrets: readonly string[]) {
    if (!secrets.length) throw new Error('Sealer needs a secret');
    this.keys = secrets.map((secret) => {
      const bytes = Buffer.from(
        hkdfSync('sha256', secret, 'bigin-attachments', 'state encryption v1', 32),
      );
      const id = createHash('sha256').update(bytes).digest('base64url').slice(0, 8);
      return { id, bytes };
    });
  }

  seal(plain: string): string {
    const key = this.keys[0]!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key.bytes, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `${VERSION}.${key.id}.${iv.toString('base64url')}.${body.toString('base64url')}`;
  }

  open(sealed: string): string | undefined {
    const [version, id, iv, body] = sealed.split('.');
    const key = this.keys.find((k) => k.id === id);
    if (version !== VERSION || !key || !iv || !body) return undefined;
    try {
      const bytes = Buffer.from(body, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', key.bytes, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(bytes.subarray(bytes.length - 16));
      return Buffer.concat([
        decipher.update(bytes.subarray(0, bytes.length - 16)),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      return undefined;
    }
  }

  sealJson(value: unknown): string {
    return this.seal(JSON.stringify(value));
  }

  openJson<T>(sealed: string | undefined): T | undefined {
    const plain = sealed === undefined ? undefined : this.open(sealed);
    if (plain === undefined) return undefined;
    try {
      return JSON.parse(plain) as T;
    } catch {
      return undefined;
    }
  }
}

/**
 * A store key for a secret (a session id, a refresh token): a hash, so that the store's keys
 * give away nothing a cookie or Zoho would take.
 */
export const keyOf = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 32);
