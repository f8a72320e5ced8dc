/**
 * How statements reach PGlite: prepared once per database and run with one protocol message each,
 * through PGlite's public protocol API (`execProtocol`, `runExclusive`, `protocol.serialize`,
 * `parse.parseResults`, its own `serializers` and `parsers`).
 *
 * Why (docs/benchmarks.md "PGlite statements"): PGlite's `query` parses and plans every statement
 * anew as an unnamed statement and hands Parse, Describe, Bind, Describe, Execute and Sync to the
 * engine in six calls. PGlite runs in the server's own thread, so all of that is the server's CPU:
 * on the order path the event insert with its delivery fan-out cost 3.8 ms a call, nearly all of it
 * planning, and 0.9 ms once prepared; a primary-key read 0.7 → 0.3 ms. Parameters are still
 * serialized by PGlite's serializers for the types the engine describes, and rows parsed by its
 * parsers, so values travel exactly as through `query`.
 */
import { parse, type PGlite, protocol } from '@electric-sql/pglite';
import { preparable } from './preparable.js';

interface Prepared {
  /** '' for the unnamed statement, parsed again on every call. */
  name: string;
  /** The parameter types the engine described, for PGlite's serializers. */
  parameterTypes: number[];
}

/**
 * Prepared statements live as long as the database; the cap keeps generated SQL from filling
 * PGlite's memory with plans (the hot paths use a few dozen).
 */
const MAX_PREPARED = 1_000;

export class PgliteStatements {
  readonly #db: PGlite;
  readonly #prepared = new Map<string, Prepared>();

  constructor(db: PGlite) {
    this.#db = db;
  }

  /**
   * Runs one statement. The caller holds the database's turn (no other transaction is open);
   * `inTransaction` says whether it runs inside one, as PGlite's own `query` writes its files
   * through only outside transactions.
   */
  run<Row>(sql: string, params: readonly unknown[], inTransaction: boolean): Promise<Row[]> {
    // runExclusive orders this against any other protocol use of the same database (PGlite's
    // execProtocol keeps the current query's results on the instance, so two at once would mix).
    return this.#db.runExclusive(async () => {
      const known = this.#prepared.get(sql);
      const prepared = known ?? (await this.#prepare(sql, params.length));
      const values = params.map((param, index) => this.#serialize(param, prepared.parameterTypes[index]));
      const message = [
        // An unnamed statement without parameters needs no description: it is parsed in the same message.
        ...(prepared.name === '' && params.length === 0 ? [protocol.serialize.parse({ text: sql })] : []),
        protocol.serialize.bind({ statement: prepared.name, values }),
        protocol.serialize.describe({ type: 'P' }),
        protocol.serialize.execute({}),
        protocol.serialize.sync(),
      ];
      const { messages } = await this.#db.execProtocol(concat(message), { syncToFs: !inTransaction });
      return parse.parseResults(messages, this.#db.parsers)[0]!.rows as Row[];
    });
  }

  async #prepare(sql: string, parameterCount: number): Promise<Prepared> {
    const name = preparable(sql) && this.#prepared.size < MAX_PREPARED ? `achteraf_${this.#prepared.size}` : '';
    if (name === '' && parameterCount === 0) return { name, parameterTypes: [] };
    // A failure here (a syntax error, an aborted transaction) throws before anything is remembered.
    const { messages } = await this.#db.execProtocol(
      concat([protocol.serialize.parse({ name, text: sql }), protocol.serialize.describe({ type: 'S', name }), protocol.serialize.sync()]),
      { syncToFs: false },
    );
    const prepared = { name, parameterTypes: parse.parseDescribeStatementResults(messages) };
    if (name !== '') this.#prepared.set(sql, prepared);
    return prepared;
  }

  /** As PGlite's `query` does: the serializer of the described type, else the value's text. */
  #serialize(param: unknown, type: number | undefined): string | null {
    if (param === null || param === undefined) return null;
    const serializer = type === undefined ? undefined : this.#db.serializers[type];
    return serializer ? serializer(param) : String(param);
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const message = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    message.set(part, offset);
    offset += part.length;
  }
  return message;
}
