/**
 * A one-pass reader for the plain XML almost every legacy request is: an optional XML declaration,
 * then `<API>` holding elements without attributes, each holding either text or other elements.
 * It gives the very tree fast-xml-parser gives with the options of xml-request.ts, or `undefined`
 * for anything else (attributes, comments, CDATA, processing instructions, entity and character
 * references, a `>` in text, namespaces, mixed content, a name outside [A-Za-z_][A-Za-z0-9_]*,
 * any malformed markup), which then goes through fast-xml-parser's validation and parse as before.
 * So this reader never refuses a document: every refusal, and every answer to an unusual document,
 * stays fast-xml-parser's.
 *
 * Why: fast-xml-parser's validation pass, parse and conversion to objects were about 240 µs of
 * the 1.80 ms of busy samples per check+order pair in a profile under load, the largest part of
 * the pair's CPU that was ours to change; this reader takes about a sixth of that (16 against
 * 95–119 µs per pair of the bench's bodies in a loop), and the server's CPU per pair fell to
 * 0.74–0.84 × in interleaved A/B runs (docs/benchmarks.md "The legacy pair, once more").
 * test/legacy/xml-read.test.ts compares it with fast-xml-parser on thousands of altered documents.
 */

type Tree = { [name: string]: string | Tree | Array<string | Tree> };

interface Open {
  name: string;
  /** The child elements so far; undefined while the element holds only text. */
  children: Tree | undefined;
  text: string;
  /** Children of API.ORDERITEMS and API.INVOICES are always lists (xml-request.ts `isArray`). */
  childrenAreLists: boolean;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
/** The declaration as clients send it, `<?xml version="1.0" encoding="UTF-8"?>`, with either quote. */
const DECLARATION = /^<\?xml version=(["'])1\.0\1(?: encoding=(["'])[A-Za-z][A-Za-z0-9._-]*\2)?(?: standalone=(["'])(?:yes|no)\3)? ?\?>/;
const TEXT_NEEDING_THE_FULL_PARSER = /[&>]/;
/**
 * fast-xml-parser refuses __proto__, constructor and prototype and renames hasOwnProperty, toString
 * and the like: such names are left to it.
 */
const LEFT_TO_FAST_XML_PARSER = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/**
 * The document as `{ API: … }`, or undefined when the document is not of the plain kind above.
 * `xml` has been trimmed and starts with `<`.
 */
export function readPlainXml(xml: string): Tree | undefined {
  let at = 0;
  if (xml.charCodeAt(1) === 0x3f) {
    const declaration = DECLARATION.exec(xml);
    if (!declaration) return undefined;
    at = declaration[0].length;
  }
  const stack: Open[] = [];
  let document: Tree | undefined;
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    const text = lt === -1 ? xml.slice(at) : xml.slice(at, lt);
    if (stack.length === 0) {
      // Before and after the root only white space; nothing after the root at all.
      if (document !== undefined || !isXmlSpace(text)) return undefined;
    } else {
      if (TEXT_NEEDING_THE_FULL_PARSER.test(text)) return undefined;
      stack[stack.length - 1]!.text += text;
    }
    if (lt === -1) break;
    if (xml.charCodeAt(lt + 1) === SLASH) {
      const end = nameEnd(xml, lt + 2);
      if (end === -1 || xml.charCodeAt(end) !== GT) return undefined;
      const open = stack.pop();
      if (open === undefined || xml.slice(lt + 2, end) !== open.name) return undefined;
      const value = valueOf(open);
      if (value === undefined) return undefined;
      if (stack.length === 0) {
        if (open.name !== 'API' || typeof value === 'string') return undefined;
        document = { API: value };
      } else if (!addChild(stack[stack.length - 1]!, open.name, value)) return undefined;
      at = end + 1;
    } else {
      const end = nameEnd(xml, lt + 1);
      if (end === -1) return undefined;
      const name = xml.slice(lt + 1, end);
      const parent = stack[stack.length - 1];
      if (parent === undefined && document !== undefined) return undefined;
      if (xml.charCodeAt(end) === GT) {
        stack.push({ name, children: undefined, text: '', childrenAreLists: isListContainer(stack, name) });
        at = end + 1;
      } else if (xml.charCodeAt(end) === SLASH && xml.charCodeAt(end + 1) === GT && parent !== undefined) {
        if (!addChild(parent, name, '')) return undefined;
        at = end + 2;
      } else return undefined;
    }
  }
  return stack.length === 0 ? document : undefined;
}

/** The end of a name of [A-Za-z_][A-Za-z0-9_]* starting at `from`, or -1 when there is none. */
function nameEnd(xml: string, from: number): number {
  let at = from;
  for (; at < xml.length; at += 1) {
    const code = xml.charCodeAt(at);
    const letter = (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || code === 0x5f;
    if (!letter && !(at > from && code >= 0x30 && code <= 0x39)) break;
  }
  return at === from ? -1 : at;
}

/** An element's value as fast-xml-parser gives it, or undefined for mixed content. */
function valueOf(open: Open): string | Tree | undefined {
  // fast-xml-parser turns CR LF and lone CR into LF before anything else, then trims the text.
  const text = (open.text.includes('\r') ? open.text.replace(/\r\n?/g, '\n') : open.text).trim();
  if (open.children === undefined) return text;
  return text === '' ? open.children : undefined;
}

function addChild(parent: Open, name: string, value: string | Tree): boolean {
  if (LEFT_TO_FAST_XML_PARSER.has(name)) return false;
  if (parent.text !== '' && parent.text.trim() !== '') return false;
  parent.text = '';
  const children = (parent.children ??= {});
  const earlier = Object.hasOwn(children, name) ? children[name] : undefined;
  if (Array.isArray(earlier)) earlier.push(value);
  else if (earlier !== undefined) children[name] = [earlier, value];
  else children[name] = parent.childrenAreLists ? [value] : value;
  return true;
}

/** True when the element `name` opened inside `stack` is API.ORDERITEMS or API.INVOICES. */
function isListContainer(stack: readonly Open[], name: string): boolean {
  return stack.length === 1 && stack[0]!.name === 'API' && (name === 'ORDERITEMS' || name === 'INVOICES');
}

function isXmlSpace(text: string): boolean {
  for (let at = 0; at < text.length; at += 1) {
    const code = text.charCodeAt(at);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return false;
  }
  return true;
}
