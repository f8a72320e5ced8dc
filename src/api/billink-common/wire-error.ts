/**
 * Billink numbers its error codes per endpoint (seeds 001): 402 is a phone format in Check and an
 * unknown workflow in Order. Each endpoint therefore has its own catalogue, copied verbatim from
 * the seed tables (a test keeps them equal), and its own map from core codes, which the compiler
 * checks for completeness with `satisfies Record<CoreCode, WireCode>`.
 */
import type { AuthError } from '../../core/shared/errors.js';

export type WireCatalogue = Readonly<Record<string, string>>;

/** Codes raised before any endpoint logic runs. */
export type FrontDoorError = AuthError | 'version_unknown' | 'action_unknown';

export interface EndpointErrors {
  catalogue: WireCatalogue;
  map: Readonly<Record<string, string>>;
  /**
   * Core codes whose answer names a value after the table's text, as `<text>: <value>`; the
   * value is the error parameter named here. The catalogue itself stays verbatim.
   */
  details?: Readonly<Record<string, string>>;
}

/** The wire code and description for a core code; placeholders such as %number% filled in. */
export function toWireError(
  errors: EndpointErrors,
  code: string,
  params: Readonly<Record<string, string>> = {},
): { code: string; description: string } | undefined {
  const wireCode = errors.map[code];
  const template = wireCode === undefined ? undefined : errors.catalogue[wireCode];
  if (wireCode === undefined || template === undefined) return undefined;
  const filled = template.replace(/%([a-z_]+)%/g, (_whole, name: string) => params[name] ?? '');
  const detailName = errors.details?.[code];
  const detail = detailName === undefined ? undefined : params[detailName];
  return { code: wireCode, description: detail ? `${filled}: ${detail}` : filled };
}
