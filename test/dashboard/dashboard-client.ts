/**
 * The dashboard over plain HTTP, as a browser without JavaScript uses it: sign in with a form post,
 * keep the session cookie, read the CSRF token from a page and post forms with it.
 */
export interface DashboardSession {
  cookie: string;
  csrf: string;
}

export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

export async function postForm(
  baseUrl: string,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(baseUrl + path, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: baseUrl, ...headers },
    body: form(fields),
  });
}

export async function signIn(baseUrl: string, username: string, password: string): Promise<DashboardSession> {
  const answer = await postForm(baseUrl, '/dashboard/sign-in', { username, password });
  if (answer.status !== 303) throw new Error(`sign-in failed with ${answer.status}`);
  const cookie = answer.headers.get('set-cookie')!.split(';')[0]!;
  const page = await (await fetch(`${baseUrl}/dashboard/invoices`, { headers: { cookie } })).text();
  return { cookie, csrf: csrfOf(page) };
}

export function csrfOf(html: string): string {
  const match = /name="csrf" value="([^"]+)"/.exec(html);
  if (!match) throw new Error('no CSRF token on the page');
  return match[1]!;
}

export async function getPage(baseUrl: string, path: string, session: DashboardSession): Promise<{ status: number; html: string }> {
  const answer = await fetch(baseUrl + path, { headers: { cookie: session.cookie }, redirect: 'manual' });
  return { status: answer.status, html: await answer.text() };
}
