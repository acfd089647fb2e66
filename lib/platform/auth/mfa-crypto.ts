// TOTP secrets at rest. Anyone holding a TOTP secret can make codes, so the database never holds one
// in clear: each is encrypted with AES-256-GCM under a key derived (HKDF-SHA256) from NEXTAUTH_SECRET,
// which lives outside the database. The account id is bound in as associated data, so a ciphertext
// copied onto another account does not decrypt. GCM's tag makes any tampering fail loudly.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export function deriveMfaKey(serverSecret: string): Buffer {
  if (serverSecret.length < 32) throw new Error('The server secret must be at least 32 characters to derive the MFA key.');
  return Buffer.from(hkdfSync('sha256', serverSecret, 'axis-mfa', 'totp-secret-encryption-v1', 32));
}

export function encryptTotpSecret(secret: string, key: Buffer, userId: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(userId, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64url')}`;
}

/** Throws when the payload was altered, belongs to another account, or was made with another key. */
export function decryptTotpSecret(payload: string, key: Buffer, userId: string): string {
  const [version, body] = payload.split('.');
  if (version !== VERSION || !body) throw new Error('Unrecognised encrypted TOTP secret.');
  const raw = Buffer.from(body, 'base64url');
  if (raw.length <= IV_BYTES + TAG_BYTES) throw new Error('Encrypted TOTP secret is truncated.');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(userId, 'utf8'));
  decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
