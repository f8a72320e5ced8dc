// Loaded with `node --import` by bench/raw-statements.ts: appends the text of every statement a
// pg client sends to the file STATEMENT_LOG names, one a line, whitespace folded. Never loaded by
// the benchmark's measurements, only by that comparison.
import { appendFileSync } from 'node:fs';
import pg from 'pg';

const file = process.env.STATEMENT_LOG;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function logged(config, values, callback) {
  const text = typeof config === 'string' ? config : config?.text;
  if (file && text) appendFileSync(file, `${String(text).replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')').trim()}\n`);
  return query.call(this, config, values, callback);
};
