/**
 * v2 credentials: `billinkUsername` and `billinkID`; the reconciliation pages write `billinkId`
 * and partner merchant creation sends the id as a number, so all three are read (spec §1.3).
 */
export interface V2Credentials {
  username: string | undefined;
  clientId: string | undefined;
}

export function readCredentials(body: unknown): V2Credentials {
  const record = isRecord(body) ? body : {};
  return {
    username: text(record.billinkUsername),
    clientId: text(Object.hasOwn(record, 'billinkID') ? record.billinkID : record.billinkId),
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON string or number as trimmed text; anything else (objects, empty strings) as absent. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/** A JSON array of records, or undefined when absent or not an array. */
export function records(value: unknown): Record<string, unknown>[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.map((item) => (isRecord(item) ? item : {}));
}
