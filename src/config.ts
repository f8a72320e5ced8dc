/**
 * Configuration comes from the environment only, parsed once at start into a frozen object. This
 * is the only module that reads process.env.
 */
import { DEFAULT_RETRY_SCHEDULE, MAX_RETRIES, parseRetrySchedule } from './core/webhooks/retry-schedule.js';
import { DEFAULT_RETENTION_DAYS } from './jobs/retention-job.js';
import { isValidIban } from './core/orders/bank-account.js';
import { SANDBOX_PLATFORM_ACCOUNT } from './core/customer-side/payment-instructions.js';

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
  /** How long a request waits for a PostgreSQL connection before it fails; 0 waits for ever. */
  databaseConnectTimeoutMs: number;
  /** Base for links the server hands out (invoice PDFs, checkout pages); undefined means the listen address. */
  publicUrl: string | undefined;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Status calls per merchant per minute before code 111; shared by all nodes on PostgreSQL. */
  statusRateLimitPerMinute: number;
  /** Failed authentications per source address per minute before every authentication from it is refused. */
  authFailureLimitPerMinute: number;
  /** Fastify's trustProxy: which proxies' X-Forwarded-For names the source address (TRUST_PROXY). */
  trustProxy: boolean | number | string;
  /** GET /metrics is served (METRICS); on by default on the embedded database outside production, or with a token. */
  metrics: boolean;
  /** Bearer token that GET /metrics demands when set (METRICS_TOKEN). */
  metricsToken: string | undefined;
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
  /** Seconds before each retry of a Buckaroo push (BUCKAROO_PUSH_RETRY_SCHEDULE). */
  buckarooPushRetrySchedule: readonly number[];
  /** Seconds before each retry of a BillBlend callback (BILLBLEND_CALLBACK_RETRY_SCHEDULE). */
  billBlendCallbackRetrySchedule: readonly number[];
  webhookTimeoutMs: number;
  /** How long a claimed customer e-mail is held before another worker may take it up (a crashed worker's mail comes back after it). */
  customerMailLeaseMs: number;
  /** Webhook requests in flight at once, per process. */
  webhookConcurrency: number;
  /**
   * PDF_WORKERS: threads that render invoice PDFs beside the event loop, started on the first PDF;
   * 0 renders on the main thread (docs/operations.md, docs/architecture.md).
   */
  pdfWorkers: number;
  /**
   * WEBHOOK_ALLOW_PRIVATE=1: webhooks may go to loopback, private and other non-public addresses.
   * Off by default everywhere; for local development and tests only (docs/security.md).
   */
  webhookAllowPrivate: boolean;
  /** smtp:// or smtps:// URL for merchant mail; undefined keeps mail in the outbox (`npm run mail`). */
  smtpUrl: string | undefined;
  mailFrom: string;
  /**
   * SANDBOX_SEED: insert the public sandbox merchants at start. On by default only for the embedded
   * database outside production (NODE_ENV=production); see docs/security.md.
   */
  sandboxSeed: boolean;
  /** Days finished webhook deliveries (and the mails quoting them) are kept; 0 keeps them forever. */
  retentionDeliveryDays: number;
  /** Days finished or expired checkout sessions are kept; 0 keeps them forever. */
  retentionSessionDays: number;
  /**
   * The dashboard's operator (OPERATOR_USERNAME and OPERATOR_PASSWORD_HASH, both or neither): sees
   * every merchant and switches between them (docs/dashboard.md, docs/operations.md).
   */
  dashboardOperator: { username: string; passwordHash: string } | undefined;
  /** Failed dashboard sign-ins per source address, and per username, per minute before refusing (DASHBOARD_SIGN_IN_LIMIT_PER_MINUTE). */
  dashboardSignInLimitPerMinute: number;
  /**
   * The platform as customers meet it (docs/operations.md "The platform towards customers"): the
   * payment provider's name, the account customers pay into (invoice PDFs, e-mails, the pay page,
   * the SEPA QR code) and the terms and privacy statement the pages link. The defaults are for the
   * sandbox: an example IBAN nobody owns, and the platform's own summary pages.
   */
  platform: {
    name: string;
    accountHolder: string;
    iban: string;
    bic: string | undefined;
    /** Absolute URLs, or undefined for the pages this server serves at /legal/terms and /legal/privacy. */
    termsUrl: string | undefined;
    privacyUrl: string | undefined;
  };
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
    databaseConnectTimeoutMs: integer(env, 'DATABASE_CONNECT_TIMEOUT_MS', 10_000, 0, 600_000),
    publicUrl,
    logLevel,
    statusRateLimitPerMinute: integer(env, 'STATUS_RATE_LIMIT_PER_MINUTE', 600_000, 1, Number.MAX_SAFE_INTEGER),
    authFailureLimitPerMinute: integer(env, 'AUTH_FAILURE_LIMIT_PER_MINUTE', 60, 1, 1_000_000_000),
    trustProxy: trustProxy(env.TRUST_PROXY),
    // Metrics show routes, merchants' traffic and the outbox: served without asking on the embedded
    // sandbox, and in production (PostgreSQL or NODE_ENV=production) only behind a token or when
    // switched on (docs/security.md).
    metrics: onOff(env, 'METRICS', (!databaseUrl && env.NODE_ENV !== 'production') || Boolean(env.METRICS_TOKEN)),
    metricsToken: metricsToken(env.METRICS_TOKEN),
    checkValidityMinutes: integer(env, 'CHECK_VALIDITY_MINUTES', 1440, 1, 525_600),
    exposureLimitPrivate: integer(env, 'EXPOSURE_LIMIT_PRIVATE_CENTS', 150_000, 0, 1e12),
    exposureLimitBusiness: integer(env, 'EXPOSURE_LIMIT_BUSINESS_CENTS', 500_000, 0, 1e12),
    sessionExpiryIntervalMs: integer(env, 'SESSION_EXPIRY_INTERVAL_SECONDS', 60, 1, 3600) * 1000,
    partnerApiKey: partnerKey(env.PARTNER_API_KEY),
    jobs: onOff(env, 'JOBS', true),
    webhookRetrySchedule: retrySchedule(env.WEBHOOK_RETRY_SCHEDULE),
    buckarooPushRetrySchedule: pushRetrySchedule(env.BUCKAROO_PUSH_RETRY_SCHEDULE),
    billBlendCallbackRetrySchedule: callbackRetrySchedule(env.BILLBLEND_CALLBACK_RETRY_SCHEDULE),
    webhookTimeoutMs: integer(env, 'WEBHOOK_TIMEOUT_SECONDS', 10, 1, 300) * 1000,
    customerMailLeaseMs: integer(env, 'CUSTOMER_MAIL_LEASE_SECONDS', 120, 1, 3600) * 1000,
    webhookConcurrency: integer(env, 'WEBHOOK_CONCURRENCY', 64, 1, 1000),
    pdfWorkers: integer(env, 'PDF_WORKERS', 1, 0, 16),
    webhookAllowPrivate: onOff(env, 'WEBHOOK_ALLOW_PRIVATE', false),
    smtpUrl: smtpUrl(env.SMTP_URL),
    mailFrom: env.MAIL_FROM || 'Achteraf <noreply@achteraf.invalid>',
    // Credentials published in Billink's docs must not reach a production database by default.
    sandboxSeed: onOff(env, 'SANDBOX_SEED', !databaseUrl && env.NODE_ENV !== 'production'),
    retentionDeliveryDays: integer(env, 'RETENTION_DELIVERY_DAYS', DEFAULT_RETENTION_DAYS, 0, 36_500),
    retentionSessionDays: integer(env, 'RETENTION_SESSION_DAYS', DEFAULT_RETENTION_DAYS, 0, 36_500),
    shutdownGraceMs: integer(env, 'SHUTDOWN_GRACE_MS', 10_000, 0, 600_000),
    dashboardOperator: dashboardOperator(env.OPERATOR_USERNAME, env.OPERATOR_PASSWORD_HASH),
    dashboardSignInLimitPerMinute: integer(env, 'DASHBOARD_SIGN_IN_LIMIT_PER_MINUTE', 10, 1, 1_000_000),
    platform: Object.freeze(platform(env)),
  });
}

function platform(env: Env): Config['platform'] {
  const iban = (env.PLATFORM_IBAN || SANDBOX_PLATFORM_ACCOUNT.iban).replace(/\s/g, '').toUpperCase();
  if (!isValidIban(iban)) throw new ConfigError('PLATFORM_IBAN must be a valid IBAN');
  const bic = env.PLATFORM_BIC?.replace(/\s/g, '').toUpperCase() || undefined;
  if (bic && !/^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$/.test(bic)) throw new ConfigError('PLATFORM_BIC must be a BIC of 8 or 11 characters');
  const name = text(env, 'PLATFORM_NAME', SANDBOX_PLATFORM_ACCOUNT.name, 70);
  return {
    name,
    accountHolder: text(env, 'PLATFORM_ACCOUNT_HOLDER', name, 70),
    iban,
    bic,
    termsUrl: absoluteUrl(env, 'PLATFORM_TERMS_URL'),
    privacyUrl: absoluteUrl(env, 'PLATFORM_PRIVACY_URL'),
  };
}

/** One line of at most `max` characters (an EPC QR field takes 70). */
function text(env: Env, name: string, fallback: string, max: number): string {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return fallback;
  if (value.length > max || /[\r\n]/.test(value)) throw new ConfigError(`${name} must be one line of at most ${max} characters`);
  return value;
}

function absoluteUrl(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return undefined;
  if (!/^https?:\/\/[^\s]+$/.test(value)) throw new ConfigError(`${name} must be an http:// or https:// URL`);
  return value;
}

/** A guessable partner key would let anyone create merchants: demand at least 32 characters. */
function partnerKey(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  if (text.trim().length < 32) throw new ConfigError('PARTNER_API_KEY must be at least 32 characters long');
  return text.trim();
}

/** off (default), on (trust every proxy), a hop count, or comma-separated addresses and CIDR ranges. */
function trustProxy(text: string | undefined): boolean | number | string {
  const value = text?.trim().toLowerCase();
  if (value === undefined || value === '' || ['off', 'false', '0', 'no'].includes(value)) return false;
  if (['on', 'true', 'yes'].includes(value)) return true;
  if (/^\d+$/.test(value)) return Number(value);
  if (/^[0-9a-f.:/]+(\s*,\s*[0-9a-f.:/]+)*$/.test(value)) return value.replace(/\s+/g, '');
  throw new ConfigError('TRUST_PROXY must be off, on, a number of proxy hops, or comma-separated proxy addresses (CIDR allowed)');
}

/**
 * The operator's password is given only as its scrypt hash (`npm run dashboard:hash-password`
 * writes one), so the environment never holds the password itself.
 */
function dashboardOperator(username: string | undefined, hash: string | undefined): Config['dashboardOperator'] {
  const name = username?.trim() ?? '';
  const passwordHash = hash?.trim() ?? '';
  if (name === '' && passwordHash === '') return undefined;
  if (name === '' || passwordHash === '') throw new ConfigError('OPERATOR_USERNAME and OPERATOR_PASSWORD_HASH go together: set both or neither');
  if (!/^[A-Za-z0-9._@-]{1,64}$/.test(name)) throw new ConfigError('OPERATOR_USERNAME must be 1 to 64 letters, digits or . _ @ -');
  if (!/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/.test(passwordHash)) {
    throw new ConfigError('OPERATOR_PASSWORD_HASH must be a scrypt hash as `npm run dashboard:hash-password` writes it');
  }
  return Object.freeze({ username: name, passwordHash });
}

/** A short token is guessable; the metrics page shows traffic per merchant route. */
function metricsToken(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  if (text.trim().length < 16) throw new ConfigError('METRICS_TOKEN must be at least 16 characters long');
  return text.trim();
}

function retrySchedule(text: string | undefined): readonly number[] {
  if (text === undefined) return DEFAULT_RETRY_SCHEDULE;
  const schedule = parseRetrySchedule(text);
  if (!schedule) throw new ConfigError(`WEBHOOK_RETRY_SCHEDULE must be up to ${MAX_RETRIES} comma-separated whole seconds, e.g. 60,300,1800`);
  return Object.freeze(schedule);
}

/**
 * Buckaroo retries a failed push 11 times spread over 3 days (spec buckaroo.md §11.1); the waits
 * themselves are not published, so these are ours: 1, 5, 15 and 30 minutes, 1, 2, 4 and 8 hours,
 * then 12, 18 and 24 hours (about 2.9 days in all).
 */
export const DEFAULT_BUCKAROO_PUSH_RETRY_SCHEDULE: readonly number[] = Object.freeze([
  60, 300, 900, 1800, 3600, 7200, 14_400, 28_800, 43_200, 64_800, 86_400,
]);

function pushRetrySchedule(text: string | undefined): readonly number[] {
  if (text === undefined) return DEFAULT_BUCKAROO_PUSH_RETRY_SCHEDULE;
  const parts = text.trim() === '' ? [] : text.split(',').map((part) => part.trim());
  if (parts.length > 20 || parts.some((part) => !/^\d{1,6}$/.test(part))) {
    throw new ConfigError('BUCKAROO_PUSH_RETRY_SCHEDULE must be up to 20 comma-separated whole seconds, e.g. 60,300,900');
  }
  return Object.freeze(parts.map(Number));
}

/**
 * BillBlend retries a callback that did not get 200 OK "up to 30 times over 14 days with a
 * progressive schedule" (spec billblend.md §7.1); the waits are not published, so these are ours:
 * 1, 2, 5, 10, 15 and 30 minutes, then 1, 2, 4 and 8 hours, then every 16 hours (30
 * retries, 14 days in all).
 */
export const DEFAULT_BILLBLEND_CALLBACK_RETRY_SCHEDULE: readonly number[] = Object.freeze([
  60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 28_800, ...Array<number>(20).fill(57_600),
]);

function callbackRetrySchedule(text: string | undefined): readonly number[] {
  if (text === undefined) return DEFAULT_BILLBLEND_CALLBACK_RETRY_SCHEDULE;
  const parts = text.trim() === '' ? [] : text.split(',').map((part) => part.trim());
  if (parts.length > 30 || parts.some((part) => !/^\d{1,6}$/.test(part))) {
    throw new ConfigError('BILLBLEND_CALLBACK_RETRY_SCHEDULE must be up to 30 comma-separated whole seconds, e.g. 60,120,300');
  }
  return Object.freeze(parts.map(Number));
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
