/**
 * One error vocabulary for the core (house rule 2). Every contract maps these stable codes to its
 * own wire codes through tables the compiler checks for completeness; nobody branches on text.
 */

/** Raised by a use case when the request breaks a rule; carries values for message templates. */
export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    readonly params: Readonly<Record<string, string>> = {},
  ) {
    super(code);
    this.name = 'DomainError';
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** Authentication outcomes shared by every merchant-facing contract. */
export const AUTH_ERRORS = ['username_unknown', 'client_id_wrong'] as const;
export type AuthError = (typeof AUTH_ERRORS)[number];
