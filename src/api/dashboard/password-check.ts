/**
 * Checks a password against the stored `scrypt$N$r$p$salt$hash` (the format of the set-password
 * flow, api/billink-v2/handlers/change-password.ts), in constant time. An unknown username is
 * checked against a hash of nothing anyone knows, so it costs as long as a wrong password.
 */
import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const FORMAT = /^scrypt\$(\d{1,7})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9_-]{16,64})\$([A-Za-z0-9_-]{32,128})$/;
/** What the set-password flow writes; a stored hash asking for more is not ours. */
const MAX_N = 1 << 17;
const NOBODY = `scrypt$32768$8$1$${randomBytes(16).toString('base64url')}$${randomBytes(32).toString('base64url')}`;

export async function verifyPassword(password: string, stored: string | undefined): Promise<boolean> {
  const match = FORMAT.exec(stored ?? NOBODY) ?? FORMAT.exec(NOBODY)!;
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (N > MAX_N || N < 2 || (N & (N - 1)) !== 0 || r < 1 || p < 1) return false;
  const salt = Buffer.from(match[4]!, 'base64url');
  const expected = Buffer.from(match[5]!, 'base64url');
  const key = await new Promise<Buffer>((resolve, reject) =>
    scrypt(password, salt, expected.length, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (error, derived) =>
      error ? reject(error) : resolve(derived),
    ),
  );
  return stored !== undefined && FORMAT.test(stored) && timingSafeEqual(key, expected);
}

/** Session tokens and CSRF tokens: 256 random bits, URL-safe. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
