/**
 * Configuration comes from the environment only, parsed once at start into a frozen object. This
 * is the only module that reads process.env.
 */
import { DEFAULT_RETRY_SCHEDULE, MAX_RETRIES, parseRetrySchedule } from './core/webhooks/retry-schedule.js';

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
  /** JOBS=off: this server runs no background jobs (webhook delivery, mail); `npm run worker` does. */
  jobs: boolean;
  /** Seconds before each webhook retry; the number of entries is the number of retries. */
  webhookRetrySchedule: readonly number[];
  webhookTimeoutMs: number;
  /** Webhook requests in flight at once, per process. */
  webhookConcurrency: number;
  /** smtp:// or smtps:// URL for merchant mail; undefined keeps mail in the outbox (`npm run mail`). */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** How long a stopping server lets requests in flight finish before it cuts them (SHUTDOWN_GRACE_MS). */
  shutdownGraceMs: number;
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
    jobs: onOff(env, 'JOBS', true),
    webhookRetrySchedule: retrySchedule(env.WEBHOOK_RETRY_SCHEDULE),
    webhookTimeoutMs: integer(env, 'WEBHOOK_TIMEOUT_SECONDS', 10, 1, 300) * 1000,
    webhookConcurrency: integer(env, 'WEBHOOK_CONCURRENCY', 64, 1, 1000),
    smtpUrl: smtpUrl(env.SMTP_URL),
    mailFrom: env.MAIL_FROM || 'Achteraf <noreply@achteraf.invalid>',
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
  });
}

/** A guessable partner key would let anyone create merchants: demand at least 32 characters. */
function partnerKey(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  if (text.trim().length < 32) throw new ConfigError('PARTNER_API_KEY must be at least 32 characters long');
  return text.trim();
}

function retrySchedule(text: string | undefined): readonly number[] {
  if (text === undefined) return DEFAULT_RETRY_SCHEDULE;
  const schedule = parseRetrySchedule(text);
  if (!schedule) throw new ConfigError(`WEBHOOK_RETRY_SCHEDULE must be up to ${MAX_RETRIES} comma-separated whole seconds, e.g. 60,300,1800`);
  return Object.freeze(schedule);
}

function smtpUrl(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  if (!/^smtps?:\/\//.test(text)) throw new ConfigError('SMTP_URL must start with smtp:// or smtps://');
  return text;
}

function onOff(env: Env, name: string, fallback: boolean): boolean {
  const text = env[name]?.trim().toLowerCase();
  if (text === undefined || text === '') return fallback;
  if (['on', 'true', '1', 'yes'].includes(text)) return true;
  if (['off', 'false', '0', 'no'].includes(text)) return false;
  throw new ConfigError(`${name} must be on or off`);
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
