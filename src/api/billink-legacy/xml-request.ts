/**
 * Reads a legacy request body. The body is XML whatever the Content-Type says (spec §1.2), with
 * entity processing off and DOCTYPE/ENTITY declarations refused before parsing (house rule 6).
 */
import { type MatcherView, XMLParser, XMLValidator } from 'fast-xml-parser';
import { readPlainXml } from './plain-xml-read.js';

const parser = new XMLParser({
  processEntities: false,
  htmlEntities: false,
  ignoreAttributes: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  // Callbacks get the parser's path object instead of a path string: with strings the parser joins
  // the whole path for every text node and every tag, which was about a sixth of its time in a
  // profile of the check+order pair (docs/benchmarks.md).
  jPath: false,
  // Children of a list container are always a list, whatever their tag: omnipay nests order lines
  // as repeated ITEMS instead of ITEM (spec §2.2 "Item-container leniency").
  isArray: (_name, path) => typeof path !== 'string' && isListChild(path),
});

/** API.ORDERITEMS.<any> or API.INVOICES.<any>. */
function isListChild(path: MatcherView): boolean {
  if (path.getDepth() !== 3) return false;
  const [root, container] = path.toArray();
  return root === 'API' && (container === 'ORDERITEMS' || container === 'INVOICES');
}

type Node = string | { [key: string]: unknown } | unknown[];

/** The fields of one `<API>` document, read by exact upper-case name (spec §2.4: names are case-sensitive). */
export class LegacyRequest {
  constructor(private readonly root: Record<string, unknown>) {}

  /** An element's text; empty elements and elements holding other elements count as absent. */
  text(name: string): string | undefined {
    return textOf(ownValue(this.root, name));
  }

  /** The first of several spellings that is present, e.g. ADITIONALTEXT and ADDITIONALTEXT. */
  firstText(...names: string[]): string | undefined {
    for (const name of names) {
      const value = this.text(name);
      if (value !== undefined) return value;
    }
    return undefined;
  }

  /** The child records of a list container such as INVOICES or ORDERITEMS; undefined when absent. */
  list(container: string): LegacyRequest[] | undefined {
    const node = ownValue(this.root, container);
    if (node === undefined || node === '') return undefined;
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return [];
    const records: LegacyRequest[] = [];
    for (const key of Object.keys(node)) {
      const children = (node as Record<string, unknown>)[key];
      for (const child of Array.isArray(children) ? children : [children]) {
        records.push(new LegacyRequest(isRecord(child) ? child : {}));
      }
    }
    return records;
  }
}

export type ParseResult = { ok: true; request: LegacyRequest } | { ok: false };

/**
 * Markup (`<`) a body may hold: a 500-line order, the largest taken, has about 6,000. Parsing costs
 * by the element, so a body of many tiny elements is refused before the parser sees it.
 */
export const MAX_MARKUP = 10_000;

function tooMuchMarkup(xml: string): boolean {
  let count = 0;
  for (let at = xml.indexOf('<'); at !== -1; at = xml.indexOf('<', at + 1)) if (++count > MAX_MARKUP) return true;
  return false;
}

export function parseLegacyXml(body: string): ParseResult {
  const xml = body.replace(/^\uFEFF/, '').trim();
  if (!xml.startsWith('<') || /<!DOCTYPE|<!ENTITY/i.test(xml) || tooMuchMarkup(xml)) return { ok: false };
  // Plain documents, the usual request, are read in one pass to the same tree; anything else, and
  // every document that is refused, goes through fast-xml-parser (plain-xml-read.ts says why).
  const document = readPlainXml(xml) ?? parseWithFastXmlParser(xml);
  const api = isRecord(document) ? ownValue(document, 'API') : undefined;
  if (!isRecord(api)) return { ok: false };
  return { ok: true, request: new LegacyRequest(api) };
}

/** fast-xml-parser's validation, then its parse; undefined for a document it refuses. */
export function parseWithFastXmlParser(xml: string): unknown {
  if (XMLValidator.validate(xml) !== true) return undefined;
  try {
    return parser.parse(xml);
  } catch {
    // fast-xml-parser refuses tag names such as __proto__ outright.
    return undefined;
  }
}

function ownValue(record: Record<string, unknown>, key: string): Node | undefined {
  return Object.hasOwn(record, key) ? (record[key] as Node) : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function textOf(node: Node | undefined): string | undefined {
  if (typeof node !== 'string') return undefined;
  const text = decodeXmlReferences(node).trim();
  return text === '' ? undefined : text;
}

/** XML 1.0's Char production: a reference to anything else (`&#1;`) stays as written, so it can never reach an answer. */
function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Only XML's five predefined entities and numeric references: nothing a document can declare. */
function decodeXmlReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#\d{1,7}|amp|lt|gt|quot|apos);/g, (whole, name: string) => {
    if (name[0] !== '#') return PREDEFINED[name] ?? whole;
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return isXmlChar(code) ? String.fromCodePoint(code) : whole;
  });
}
