/**
 * The session cookie: HttpOnly, SameSite=Lax, Path=/dashboard, and Secure whenever the request
 * came over TLS (request.protocol: https on our own listener, or X-Forwarded-Proto from a proxy
 * that TRUST_PROXY trusts; docs/operations.md). Behind TLS the name carries the `__Host-` prefix,
 * which browsers accept only with Secure, no Domain and Path=/ (RFC 6265bis §4.1.3.2), so no
 * sibling host or plain-HTTP page can plant or overwrite it.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_HOURS } from '../../core/dashboard/sign-in.js';

const SECURE_NAME = '__Host-achteraf-dashboard';
const PLAIN_NAME = 'achteraf-dashboard';
export const LANGUAGE_COOKIE = 'achteraf-dashboard-lang';

function overTls(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

export function sessionToken(request: FastifyRequest): string | undefined {
  return overTls(request) ? request.cookies[SECURE_NAME] : request.cookies[PLAIN_NAME];
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  const secure = overTls(request);
  reply.setCookie(secure ? SECURE_NAME : PLAIN_NAME, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    // __Host- demands Path=/; over plain HTTP the cookie stays on the dashboard's paths.
    path: secure ? '/' : '/dashboard',
    maxAge: SESSION_HOURS * 3600,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  const secure = overTls(request);
  reply.clearCookie(secure ? SECURE_NAME : PLAIN_NAME, { httpOnly: true, sameSite: 'lax', secure, path: secure ? '/' : '/dashboard' });
}

export function setLanguageCookie(request: FastifyRequest, reply: FastifyReply, language: string): void {
  reply.setCookie(LANGUAGE_COOKIE, language, { httpOnly: true, sameSite: 'lax', secure: overTls(request), path: '/dashboard', maxAge: 365 * 86400 });
}
