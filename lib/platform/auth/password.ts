import 'server-only';
import argon2 from 'argon2';

// argon2id with the library defaults (m = 64 MiB, t = 3, p = 4), above OWASP's minimum for argon2id.
const HASH_OPTIONS = { type: argon2.argon2id } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, HASH_OPTIONS);
}

// Verified against when the account does not exist, so an unknown email costs the same time as a
// wrong password and response timing does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(hash: string | null, password: string): Promise<boolean> {
  if (!hash) {
    dummyHash ??= argon2.hash('axis-timing-equaliser', HASH_OPTIONS);
    await argon2.verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await argon2.verify(hash, password);
  } catch {
    // A malformed stored hash is a data problem, not a reason to let someone in.
    return false;
  }
}
