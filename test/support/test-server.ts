/**
 * Starts the real server for a test file: real HTTP on a loopback port, on in-memory PGlite, or
 * on PostgreSQL in a schema of its own when TEST_DATABASE_URL is set (as .ci/run does).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig, type Config } from '../../src/config.js';
import { type Overrides, type RunningServer, startServer } from '../../src/main.js';

export interface TestServer extends RunningServer {
  config: Config;
}

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || undefined;

export function testConfig(env: Record<string, string> = {}): Config {
  return loadConfig({
    // Test receivers listen on loopback; the SSRF tests switch this off again.
    WEBHOOK_ALLOW_PRIVATE: '1',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    DATA_DIR: ':memory:',
    // The suite signs in as the sandbox merchants on PostgreSQL too, where seeding is off by default.
    SANDBOX_SEED: 'on',
    ...(TEST_DATABASE_URL ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: uniqueSchema(), DATABASE_POOL_SIZE: '5' } : {}),
    ...env,
  });
}

export async function startTestServer(options: { env?: Record<string, string>; overrides?: Overrides } = {}): Promise<TestServer> {
  const config = testConfig(options.env);
  const server = await startServer(config, options.overrides);
  return {
    ...server,
    config,
    async close() {
      await server.close();
      if (config.databaseUrl && config.databaseSchema) await dropSchema(config.databaseUrl, config.databaseSchema);
    },
  };
}

export function uniqueSchema(): string {
  return `test_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
