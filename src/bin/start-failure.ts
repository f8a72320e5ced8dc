/**
 * Why the server could not start, in one line an operator can act on, instead of a stack trace
 * (docs/operations.md, "When it does not start"). Unknown failures keep their stack: those are
 * bugs, and the stack is what a bug report needs.
 */
import { ConfigError } from '../config.js';

export interface StartFailure {
  message: string;
  exitCode: number;
  /** False for the failures we know, which the message explains in full. */
  showStack: boolean;
}

interface Settings {
  host: string;
  port: number;
  databaseUrl: string | undefined;
}

/** Node's socket errors and PostgreSQL's SQLSTATE codes (PostgreSQL manual, Appendix A) we can explain. */
const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused; is PostgreSQL running there?',
  ENOTFOUND: 'the host name is unknown',
  EAI_AGAIN: 'the host name cannot be looked up right now',
  ETIMEDOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  ECONNRESET: 'the connection was reset',
  '28P01': 'the password was refused',
  '28000': 'the login was refused',
  '3D000': 'the database does not exist',
  '57P03': 'the database is starting up or shutting down',
};

export function describeStartFailure(error: unknown, settings: Settings | undefined): StartFailure {
  if (error instanceof ConfigError) return { message: `Invalid configuration: ${error.message}`, exitCode: 2, showStack: false };
  const code = errorCode(error);
  if (code === 'EADDRINUSE' && settings) {
    return {
      message: `Port ${settings.port} on ${settings.host} is already in use; stop the process that holds it or choose another PORT`,
      exitCode: 1,
      showStack: false,
    };
  }
  if (code === 'EACCES' && settings && isListenError(error)) {
    return { message: `Not allowed to listen on port ${settings.port} on ${settings.host}; choose a PORT above 1023`, exitCode: 1, showStack: false };
  }
  if (code && REASONS[code] && settings?.databaseUrl) {
    return {
      message: `Cannot use the PostgreSQL database at ${withoutPassword(settings.databaseUrl)}: ${REASONS[code]} (${code}); check DATABASE_URL`,
      exitCode: 1,
      showStack: false,
    };
  }
  return { message: `Achteraf could not start: ${error instanceof Error ? error.message : String(error)}`, exitCode: 1, showStack: true };
}

/** The code of an error, or of the first of several (a host name with IPv4 and IPv6 addresses). */
function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  const first = (error as { errors?: unknown[] } | undefined)?.errors?.[0];
  return first === undefined ? undefined : errorCode(first);
}

function isListenError(error: unknown): boolean {
  return (error as { syscall?: unknown }).syscall === 'listen';
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}
