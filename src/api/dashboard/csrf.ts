/**
 * CSRF protection of every dashboard form (docs/dashboard.md "CSRF"): the form carries the
 * session's own token, compared in constant time, and a browser's Origin header, when sent, must
 * be this server's origin (OWASP CSRF Prevention Cheat Sheet, "Verifying Origin with standard
 * headers"). SameSite=Lax on the cookie is a third layer, not the only one.
 */
import type { FastifyRequest } from 'fastify';
import { constantTimeEqual } from '../../core/merchants/authenticate.js';
import type { PublicLinks } from '../public-links.js';

/** The origins a form of ours is posted from: the request's own, and PUBLIC_URL's. */
export function originAllowed(request: FastifyRequest, links: PublicLinks): boolean {
  const origin = request.headers.origin;
  // Browsers that send no Origin on a same-origin post still need the token below.
  if (origin === undefined) return request.headers['sec-fetch-site'] === undefined || request.headers['sec-fetch-site'] !== 'cross-site';
  const own = `${request.protocol}://${request.host}`;
  let publicOrigin: string | undefined;
  try {
    publicOrigin = links.baseUrl ? new URL(links.baseUrl).origin : undefined;
  } catch {
    publicOrigin = undefined;
  }
  return origin === own || origin === publicOrigin;
}

export function tokenMatches(expected: string, given: string | undefined): boolean {
  return given !== undefined && given.length === expected.length && constantTimeEqual(expected, given);
}
