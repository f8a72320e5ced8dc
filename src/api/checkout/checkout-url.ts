/** The address of a session's checkout page, handed out as `sessionURL` (spec §2.12). */
export function checkoutPageUrl(baseUrl: string, sessionId: string): string {
  return `${baseUrl}/checkout/${encodeURIComponent(sessionId)}`;
}
