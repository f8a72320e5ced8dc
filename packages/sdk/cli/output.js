/** Exit codes, colours (only on a terminal, and never with NO_COLOR) and the --json switch. */
import { BillinkApiError, BillinkConnectionError, BillinkTimeoutError } from '../src/index.js';

export const EXIT = Object.freeze({
  ok: 0,
  /** The server refused the operation, or what was asked did not happen. */
  failed: 1,
  usage: 2,
  /** No credentials, or the server does not know them. */
  credentials: 3,
  /** The server could not be reached or did not answer in time. */
  unreachable: 4,
});

export class CliError extends Error {
  constructor(message, exitCode = EXIT.failed) {
    super(message);
    this.exitCode = exitCode;
  }
}

export function createOutput({ json, stream = process.stdout, errors = process.stderr, env = process.env }) {
  const colour = !json && stream.isTTY === true && !env.NO_COLOR;
  const errorColour = errors.isTTY === true && !env.NO_COLOR;
  const paint = (code) => (text) => (colour ? `\u001b[${code}m${text}\u001b[0m` : String(text));
  return {
    json,
    green: paint('32'),
    red: paint('31'),
    yellow: paint('33'),
    dim: paint('2'),
    bold: paint('1'),
    /** A line for people; left out with --json. */
    line(text = '') {
      if (!json) stream.write(`${text}\n`);
    },
    /** A JSON value for scripts: one per line with --json. */
    data(value) {
      if (json) stream.write(`${JSON.stringify(value)}\n`);
    },
    error(text) {
      errors.write(`${errorColour ? `\u001b[31m${text}\u001b[0m` : text}\n`);
    },
  };
}

/** The exit code that says what went wrong. */
export function exitCodeFor(error) {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof BillinkConnectionError || error instanceof BillinkTimeoutError) return EXIT.unreachable;
  if (error instanceof BillinkApiError) {
    // Unknown credentials: 101/102 on order management, 404 "Client not found" on the others.
    if (error.code === '101' || error.code === '102' || error.description === 'Client not found') return EXIT.credentials;
    return EXIT.failed;
  }
  return EXIT.failed;
}

export function describeError(error) {
  if (error instanceof BillinkApiError) return `${error.endpoint} refused: ${error.code ? `${error.code} ` : ''}${error.description}`;
  return error?.message ?? String(error);
}
