/** The test-clock offset on the merchant's row (migration 011, docs/collection.md "Test clocks"). */
import type { TestClockRepository } from '../core/ports.js';
import type { Queryable } from './database.js';

export class SqlTestClockRepository implements TestClockRepository {
  constructor(private readonly db: Queryable) {}

  async lockOffset(merchantId: string): Promise<number> {
    const rows = await this.db.query<{ test_clock_offset_ms: string | number }>(
      'SELECT test_clock_offset_ms FROM merchants WHERE id = $1 FOR UPDATE',
      [merchantId],
    );
    if (!rows[0]) throw new Error(`Merchant ${merchantId} disappeared`);
    return Number(rows[0].test_clock_offset_ms);
  }

  async setOffset(merchantId: string, offsetMs: number): Promise<void> {
    await this.db.query('UPDATE merchants SET test_clock_offset_ms = $2 WHERE id = $1', [merchantId, offsetMs]);
  }
}
