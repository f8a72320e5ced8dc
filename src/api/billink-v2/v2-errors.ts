/**
 * The two v2 error shapes (spec §7.2; decision in docs/v2-api.md):
 * - order management (credit, payment, order info, …): HTTP 200 and Billink's flat error of the
 *   seeds' v2 "Fouten" page, `{code, description, result: "error"}`, with the same code and
 *   description again under `error` for clients written against the per-endpoint pages;
 * - sessions and webhooks: a non-200 status and `{status: "error", message}`.
 */
import { type EndpointErrors, toWireError } from '../billink-common/wire-error.js';

export interface ManagementError {
  result: 'error';
  code: string;
  description: string;
  error: { code: string; description: string };
}

export function managementError(code: string, description: string): ManagementError {
  return { result: 'error', code, description, error: { code, description } };
}

/** Anything unexpected: the code every seed table has for a failure on Billink's side. */
export const GENERIC_MANAGEMENT_ERROR = managementError('603', 'Redirect Billink API error');

export function managementErrorFor(
  errors: EndpointErrors,
  code: string,
  params: Readonly<Record<string, string>> = {},
): ManagementError | undefined {
  const wire = toWireError(errors, code, params);
  return wire && managementError(wire.code, wire.description);
}

export interface StatusError {
  status: 'error';
  message: string;
}

export function statusError(message: string): StatusError {
  return { status: 'error', message };
}

export function forbiddenCharacterMessage(path: string): string {
  // The path is made of the client's own keys: a short one is echoed, a long one cut, between
  // code points so that no half of a surrogate pair is left.
  const points = Array.from(path);
  const shown = points.length > 120 ? `${points.slice(0, 117).join('')}...` : path;
  return `${shown} holds a control character, U+FFFE, U+FFFF or a lone surrogate, which text may not contain`;
}

/** The message for a body the parser refused: not JSON, or JSON with a forbidden character. */
export function badBodyMessage(error: { badCharacter?: string }): string {
  return error.badCharacter !== undefined ? forbiddenCharacterMessage(error.badCharacter) : 'Request body is not valid JSON';
}
