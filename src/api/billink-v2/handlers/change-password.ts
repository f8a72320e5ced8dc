/**
 * The change-password link that merchant creation hands out (spec §2.15):
 * - GET /v2/merchant/password/<token> — a small page with a password form;
 * - POST /v2/merchant/password `{token, password}` — sets it, once, within 7 days.
 * The password is stored as a salted scrypt hash; answers are `{status, message}`.
 */
import type { FastifyInstance } from 'fastify';
import { randomBytes, scrypt } from 'node:crypto';
import { MIN_PASSWORD_LENGTH, type SetPasswordError, setMerchantPassword } from '../../../core/merchants/set-password.js';
import { isDomainError } from '../../../core/shared/errors.js';
import { STATUS_ERROR_SCHEMA } from '../schemas/common.js';
import { isRecord } from '../v2-credentials.js';
import type { V2Context } from '../v2-context.js';
import { statusError } from '../v2-errors.js';

const SET_PASSWORD_ANSWERS: Record<SetPasswordError, [status: 400 | 404 | 410, message: string]> = {
  link_unknown: [404, 'Link not found'],
  link_expired: [410, 'This link has expired'],
  link_used: [410, 'This link has been used already'],
  password_too_short: [400, `Password must be at least ${MIN_PASSWORD_LENGTH} characters long`],
  password_too_long: [400, 'Password is too long'],
};

/** scrypt with N=2^15, r=8, p=1 and a 16-byte salt, written `scrypt$N$r$p$salt$hash` (base64url). */
export function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const [N, r, p] = [32_768, 8, 1];
  return new Promise((resolve, reject) =>
    scrypt(password, salt, 32, { N, r, p, maxmem: 64 * 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(`scrypt$${N}$${r}$${p}$${salt.toString('base64url')}$${key.toString('base64url')}`),
    ),
  );
}

export function changePasswordRoutes(app: FastifyInstance, context: V2Context): void {
  app.get(
    '/v2/merchant/password/:token',
    {
      schema: {
        summary: 'The page behind the change-password link of merchant creation',
        tags: ['v2'],
        params: { type: 'object', properties: { token: { type: 'string' } } },
        response: { 200: { description: 'An HTML form', content: { 'text/html': { schema: { type: 'string' } } } } },
      },
    },
    async (request, reply) => {
      const { token } = request.params as { token: string };
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .header('content-security-policy', "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'")
        .send(passwordPage(token));
    },
  );

  app.post(
    '/v2/merchant/password',
    {
      schema: {
        summary: 'Set the password of a new merchant with the token of its change-password link',
        tags: ['v2'],
        body: {
          type: 'object',
          properties: { token: { type: 'string' }, password: { type: 'string', minLength: MIN_PASSWORD_LENGTH } },
          required: ['token', 'password'],
        },
        response: {
          200: { type: 'object', properties: { status: { const: 'success' }, message: { type: 'string' } } },
          400: STATUS_ERROR_SCHEMA,
          404: STATUS_ERROR_SCHEMA,
          410: STATUS_ERROR_SCHEMA,
        },
      },
    },
    async (request, reply) => {
      const body = isRecord(request.body) ? request.body : {};
      try {
        await setMerchantPassword(
          context,
          {
            token: typeof body.token === 'string' ? body.token : undefined,
            password: typeof body.password === 'string' ? body.password : undefined,
          },
          hashPassword,
        );
        return { status: 'success', message: 'Password has been set' };
      } catch (error) {
        if (!isDomainError(error) || !Object.hasOwn(SET_PASSWORD_ANSWERS, error.code)) throw error;
        const [status, message] = SET_PASSWORD_ANSWERS[error.code as SetPasswordError];
        return reply.code(status).send(statusError(message));
      }
    },
  );
}

function passwordPage(token: string): string {
  const safeToken = JSON.stringify(token.replace(/[^A-Za-z0-9_-]/g, ''));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Set your password</title>
<style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem;color:#16120D}
input,button{display:block;width:100%;box-sizing:border-box;margin:.4rem 0 1rem;padding:.6rem;font-size:1rem}
button{background:#FF8D29;border:0;color:#16120D;font-weight:600;cursor:pointer}#result{min-height:1.5rem}</style></head>
<body><h1>Set your password</h1>
<form id="form"><label for="password">New password (at least ${MIN_PASSWORD_LENGTH} characters)</label>
<input id="password" type="password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required>
<label for="repeat">Repeat it</label><input id="repeat" type="password" autocomplete="new-password" required>
<button type="submit">Save password</button></form><p id="result" role="status"></p>
<script>
document.getElementById('form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const password = document.getElementById('password').value;
  const result = document.getElementById('result');
  if (password !== document.getElementById('repeat').value) { result.textContent = 'The two passwords differ.'; return; }
  const response = await fetch('../password', { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: ${safeToken}, password }) });
  result.textContent = (await response.json()).message;
});
</script></body></html>`;
}
