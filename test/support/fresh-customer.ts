/**
 * A customer no other test shares. Exposure is counted per customer across invoices, recognised by
 * e-mail or by birth date plus postal code plus house number; the shared CUSTOMER fixture would
 * pile every test's orders onto one identity, so each fresh customer gets its own of both.
 */
import { type Fields, uniqueEmail } from './legacy-client.js';

let sequence = 0;

export function freshCustomer(overrides: Fields = {}): Fields {
  sequence += 1;
  return {
    EMAIL: uniqueEmail(),
    // Every test server has a database of its own, so a sequence per process is unique enough;
    // it starts above the fixture's house number 1.
    HOUSENUMBER: String(1_000 + sequence),
    ...overrides,
  };
}
