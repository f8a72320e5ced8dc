import type { Merchant, Workflow } from '../core/merchants/merchant.js';
import type { MerchantLookup } from '../core/merchants/authenticate.js';
import type { CustomerType } from '../core/orders/customer.js';
import type { WorkflowCourseInput } from '../core/workflows/workflow-definition.js';
import type { MerchantRepository } from '../core/ports.js';
import { CoalescedRead } from './coalesced-read.js';
import type { Queryable } from './database.js';

interface MerchantRow {
  id: string;
  username: string;
  client_id: string;
  code: string;
  name: string;
  email: string;
  mode: Merchant['mode'];
  test_clock_offset_ms: string | number;
  workflows: WorkflowRow[] | null;
}

export interface WorkflowRow {
  number: number;
  name: string;
  guaranteed: boolean;
  max_amount: number | null;
  customer_types: string;
  payment_term_days: number;
  course: WorkflowCourseInput | string | null;
}

const SELECT_MERCHANT = `
  SELECT m.id, m.username, m.client_id, m.code, m.name, m.email, m.mode, m.test_clock_offset_ms,
         (SELECT json_agg(w ORDER BY w.number) FROM workflows w WHERE w.merchant_id = m.id) AS workflows
  FROM merchants m`;

/**
 * Every request authenticates, so merchants are cached for a few seconds per node. A change made
 * on this node clears the entry at once; other nodes see it when the entry ages out. Unknown
 * usernames are not cached: a merchant created through another node must authenticate here at
 * once (docs/operations.md, "Several nodes"), and the failed-authentication limit keeps guessing
 * of usernames from costing a query each without end.
 *
 * A sandbox merchant's test-clock offset is never taken from the cache: an advance through one
 * node must hold on every node for that merchant's very next request (docs/collection.md "Test
 * clocks"), so it is read fresh, one primary-key lookup of one column. Live merchants run on real
 * time and cost nothing more. Calls for one merchant that arrive together share a read sent after
 * they arrived (coalesced-read.ts): under 16 connections on one sandbox merchant this read was one
 * of the pair's 11 statements per call, and now leaves at most one in flight (docs/benchmarks.md).
 * A caller that never reads the merchant's time (legacy Status) asks for no fresh offset and takes
 * the cached merchant as a live one: under the bench's Status load that read was a third of a
 * statement and a wait per request (docs/benchmarks.md "Status of ten, in one wait").
 */
export class SqlMerchantRepository implements MerchantRepository {
  private readonly byUsername = new Map<string, { merchant: Merchant; until: number }>();
  private readonly clockOffsets = new CoalescedRead<number | undefined>(async (id) => {
    const rows = await this.db.query<{ test_clock_offset_ms: string | number }>('SELECT test_clock_offset_ms FROM merchants WHERE id = $1', [id]);
    return rows[0] ? Number(rows[0].test_clock_offset_ms) : undefined;
  });

  constructor(
    private readonly db: Queryable,
    private readonly cacheMilliseconds = 5_000,
  ) {}

  async findByUsername(username: string, lookup: MerchantLookup = {}): Promise<Merchant | undefined> {
    const cached = this.byUsername.get(username);
    if (cached && cached.until > performance.now()) {
      return cached.merchant.mode === 'sandbox' && lookup.freshClock !== false ? this.withFreshClock(cached.merchant) : cached.merchant;
    }
    const rows = await this.db.query<MerchantRow>(`${SELECT_MERCHANT} WHERE m.username = $1`, [username]);
    const merchant = rows[0] && toMerchant(rows[0]);
    if (!merchant) return undefined;
    if (this.byUsername.size > 10_000) this.byUsername.clear();
    this.byUsername.set(username, { merchant, until: performance.now() + this.cacheMilliseconds });
    return merchant;
  }

  async findById(id: string): Promise<Merchant | undefined> {
    const rows = await this.db.query<MerchantRow>(`${SELECT_MERCHANT} WHERE m.id = $1`, [id]);
    return rows[0] && toMerchant(rows[0]);
  }

  private async withFreshClock(merchant: Merchant): Promise<Merchant | undefined> {
    const offset = await this.clockOffsets.get(merchant.id);
    if (offset === undefined) return undefined;
    return offset === merchant.testClockOffsetMs ? merchant : { ...merchant, testClockOffsetMs: offset };
  }

  forget(username: string): void {
    this.byUsername.delete(username);
  }
}

function toMerchant(row: MerchantRow): Merchant {
  return {
    id: row.id,
    username: row.username,
    clientId: row.client_id,
    code: row.code,
    name: row.name,
    email: row.email,
    mode: row.mode,
    testClockOffsetMs: Number(row.test_clock_offset_ms),
    workflows: (row.workflows ?? []).map(toWorkflow),
  };
}

export function toWorkflow(w: WorkflowRow): Workflow {
  return {
    number: w.number,
    name: w.name,
    guaranteed: w.guaranteed,
    maxAmount: w.max_amount === null ? null : Number(w.max_amount),
    customerTypes: w.customer_types.split(',') as CustomerType[],
    paymentTermDays: w.payment_term_days,
    course: courseOfRow(w.course),
  };
}

/** jsonb arrives parsed from a column and as text from json_agg on some drivers. */
function courseOfRow(course: WorkflowRow['course']): WorkflowCourseInput {
  if (course === null) return {};
  return typeof course === 'string' ? (JSON.parse(course) as WorkflowCourseInput) : course;
}

export interface NewMerchant extends Omit<Merchant, 'workflows' | 'testClockOffsetMs'> {
  workflows: Workflow[];
}

/** Creates a merchant with its workflows unless the username exists; true when created. */
export async function insertMerchant(db: Queryable, merchant: NewMerchant): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO merchants (id, username, client_id, code, name, email, mode)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
    [merchant.id, merchant.username, merchant.clientId, merchant.code, merchant.name, merchant.email, merchant.mode],
  );
  if (rows.length === 0) return false;
  for (const w of merchant.workflows) {
    await db.query(
      `INSERT INTO workflows (merchant_id, number, name, guaranteed, max_amount, customer_types, payment_term_days, course)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [merchant.id, w.number, w.name, w.guaranteed, w.maxAmount, w.customerTypes.join(','), w.paymentTermDays, JSON.stringify(w.course ?? {})],
    );
  }
  return true;
}
