/**
 * Configuration comes from the environment only, parsed once at start into a frozen object. This
 * is the only module that reads process.env.
 */
export interface Config {
  host: string;
  port: number;
  /** Folder of the embedded database; used when no DATABASE_URL is set. */
  dataDir: string;
  /** A postgres:// URL switches from embedded PGlite to PostgreSQL. */
  databaseUrl: string | undefined;
  /** Optional schema inside that database (created when missing). */
  databaseSchema: string | undefined;
  databasePoolSize: number;
  /** Base for links the server hands out (invoice PDFs, checkout pages); undefined means the listen address. */
  publicUrl: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Status calls per merchant per minute before code 111, per server node. */
  statusRateLimitPerMinute: number;
  /** How long a positive credit check's UUID stays usable. */
  checkValidityMinutes: number;
  /** Largest open amount per customer, in cents, private and business. */
  exposureLimitPrivate: number;
  exposureLimitBusiness: number;
  /** Time between sweeps that mark overdue checkout sessions expired (SESSION_EXPIRY_INTERVAL_SECONDS). */
  sessionExpiryIntervalMs: number;
  /** Key that partners send to register merchants; undefined disables merchant creation. */
  partnerApiKey: string | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env = process.env): Readonly<Config> {
  const host = env.HOST || '127.0.0.1';
  const port = integer(env, 'PORT', 8080, 0, 65_535);
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const logLevel = (env.LOG_LEVEL || 'info') as Config['logLevel'];
  if (!['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent');
  }
  const publicUrl = env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : undefined;
  if (publicUrl && !/^https?:\/\//.test(publicUrl)) throw new ConfigError('PUBLIC_URL must start with http:// or https://');
  return Object.freeze({
    host,
    port,
    dataDir: env.DATA_DIR || './data',
    databaseUrl,
    databaseSchema: env.DATABASE_SCHEMA || undefined,
    databasePoolSize: integer(env, 'DATABASE_POOL_SIZE', 10, 1, 500),
    publicUrl,
    logLevel,
    statusRateLimitPerMinute: integer(env, 'STATUS_RATE_LIMIT_PER_MINUTE', 600_000, 1, Number.MAX_SAFE_INTEGER),
    checkValidityMinutes: integer(env, 'CHECK_VALIDITY_MINUTES', 1440, 1, 525_600),
    exposureLimitPrivate: integer(env, 'EXPOSURE_LIMIT_PRIVATE_CENTS', 150_000, 0, 1e12),
    exposureLimitBusiness: integer(env, 'EXPOSURE_LIMIT_BUSINESS_CENTS', 500_000, 0, 1e12),
    sessionExpiryIntervalMs: integer(env, 'SESSION_EXPIRY_INTERVAL_SECONDS', 60, 1, 3600) * 1000,
    partnerApiKey: partnerKey(env.PARTNER_API_KEY),
  });
}

/** A guessable partner key would let anyone create merchants: demand at least 32 characters. */
function partnerKey(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  if (text.trim().length < 32) throw new ConfigError('PARTNER_API_KEY must be at least 32 characters long');
  return text.trim();
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}`);
  }
  return Number(text);
}
