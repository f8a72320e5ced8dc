/**
 * Several API nodes on one PostgreSQL schema, in one test process: each is a full server with its
 * own pool, caches and limits, as separate processes would have.
 */
import { startServer, type Overrides, type RunningServer } from '../../src/main.js';
import { dropSchema, TEST_DATABASE_URL, testConfig, uniqueSchema } from './test-server.js';

export interface SharedNodes {
  nodes: RunningServer[];
  close(): Promise<void>;
}

export async function startSharedNodes(count: number, env: Record<string, string> = {}, overrides: Overrides = {}): Promise<SharedNodes> {
  if (!TEST_DATABASE_URL) throw new Error('Several nodes need PostgreSQL (TEST_DATABASE_URL)');
  const schema = uniqueSchema();
  const nodes: RunningServer[] = [];
  const close = async () => {
    await Promise.all(nodes.map((node) => node.close()));
    await dropSchema(TEST_DATABASE_URL!, schema);
  };
  try {
    // One after the other: the first migrates, the others find the schema ready.
    for (let i = 0; i < count; i++) nodes.push(await startServer(testConfig({ ...env, DATABASE_SCHEMA: schema }), overrides));
  } catch (error) {
    await close();
    throw error;
  }
  return { nodes, close };
}
