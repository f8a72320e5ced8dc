/**
 * Reads a request body the way request-body.ts wants it, keeping every JSON number as the text the
 * client sent (house rule 1: amounts are parsed as text into cents, never through floating
 * point). JSON.parse would turn `1234567890123456.78` into the double 1234567890123456.8 and
 * `1e-7` into a value whose decimal form only float formatting gives back; here a number stays
 * `JsonNumber { source }` and becomes a plain decimal by moving its decimal point in the text.
 * The body is checked by JSON.parse first, so the walk below only ever sees valid JSON.
 */
import { JsonNumber, type Lowered } from './request-body.js';

/** Values nested deeper than any request of the contract are read as null and not built (house rule 6). */
const MAX_DEPTH = 12;

/** JSON's number grammar (RFC 8259 §6). */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
/** A JSON string with its escapes (RFC 8259 §7); decoded by JSON.parse, which is exact for strings. */
const STRING = /"[^"\\]*(?:\\.[^"\\]*)*"/y;
const WHITESPACE = /[ \t\n\r]*/y;

/** Parses JSON with object keys lower-cased and numbers kept as their source text; throws on invalid JSON. */
export function parseWithDecimals(text: string): Lowered {
  JSON.parse(text);
  return readValue({ text, at: 0 }, 0);
}

interface Reader {
  text: string;
  at: number;
}

function skipWhitespace(reader: Reader): void {
  // Compact bodies (what the SDKs send) have none: skip the regular expression then.
  const code = reader.text.charCodeAt(reader.at);
  if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return;
  WHITESPACE.lastIndex = reader.at;
  WHITESPACE.exec(reader.text);
  reader.at = WHITESPACE.lastIndex;
}

function token(reader: Reader, pattern: RegExp): string {
  pattern.lastIndex = reader.at;
  const match = pattern.exec(reader.text);
  // Unreachable for text that JSON.parse accepted.
  if (!match) throw new SyntaxError(`unexpected character at ${reader.at}`);
  reader.at = pattern.lastIndex;
  return match[0];
}

/** A string without escapes is its text between the quotes; one with escapes is decoded by JSON.parse, exactly. */
function readString(reader: Reader): string {
  // Up to the closing quote by character codes: a string without escapes (nearly all of them) is
  // then one slice, without the regular expression's match and quoted copy (about 30 kB of
  // garbage per Pay body, docs/benchmarks.md "Buckaroo Pay: allocations and async hooks").
  const { text } = reader;
  for (let at = reader.at + 1; at < text.length; at++) {
    const code = text.charCodeAt(at);
    if (code === 0x5c) break;
    if (code === 0x22) {
      const value = text.slice(reader.at + 1, at);
      reader.at = at + 1;
      return value;
    }
  }
  return JSON.parse(token(reader, STRING)) as string;
}

function readValue(reader: Reader, depth: number): Lowered {
  skipWhitespace(reader);
  const start = reader.at;
  const char = reader.text[reader.at];
  let value: Lowered;
  if ((char === '{' || char === '[') && depth > MAX_DEPTH) value = skipNested(reader);
  else if (char === '{') value = readObject(reader, depth);
  else if (char === '[') value = readArray(reader, depth);
  else if (char === '"') value = readString(reader);
  else if (reader.text.startsWith('true', start)) (value = true), (reader.at += 4);
  else if (reader.text.startsWith('false', start)) (value = false), (reader.at += 5);
  else if (reader.text.startsWith('null', start)) (value = null), (reader.at += 4);
  else value = new JsonNumber(token(reader, NUMBER));
  skipWhitespace(reader);
  return depth > MAX_DEPTH ? null : value;
}

/** Steps over an object or array too deep to read, without recursion, and stands null for it. */
function skipNested(reader: Reader): null {
  let level = 0;
  do {
    const char = reader.text[reader.at];
    if (char === '"') {
      token(reader, STRING);
      continue;
    }
    if (char === '{' || char === '[') level += 1;
    else if (char === '}' || char === ']') level -= 1;
    reader.at += 1;
  } while (level > 0);
  return null;
}

function readObject(reader: Reader, depth: number): Lowered {
  // No prototype, so a key like __proto__ is an own property like any other and cannot reach
  // Object.prototype; plain assignment then needs no defineProperty, which is slow.
  const out = Object.create(null) as { [key: string]: Lowered };
  reader.at += 1;
  skipWhitespace(reader);
  if (reader.text[reader.at] === '}') {
    reader.at += 1;
    return out;
  }
  for (;;) {
    skipWhitespace(reader);
    const key = readString(reader).toLowerCase();
    skipWhitespace(reader);
    reader.at += 1; // the colon
    const value = readValue(reader, depth + 1);
    // A repeated key: the last wins, as in JSON.parse.
    out[key] = value;
    const next = reader.text[reader.at];
    reader.at += 1;
    if (next === '}') return out;
  }
}

function readArray(reader: Reader, depth: number): Lowered {
  const out: Lowered[] = [];
  reader.at += 1;
  skipWhitespace(reader);
  if (reader.text[reader.at] === ']') {
    reader.at += 1;
    return out;
  }
  for (;;) {
    out.push(readValue(reader, depth + 1));
    const next = reader.text[reader.at];
    reader.at += 1;
    if (next === ']') return out;
  }
}
