/**
 * Writes legacy responses exactly as Billink does (spec §1.2, §2): HTTP 200, text/xml, a
 * single-quoted declaration, RESULT MSG or ERROR, and element text without padding.
 */

/** An element: a name with text, or a name with child elements. */
export type XmlNode = readonly [name: string, content: string | number | readonly XmlNode[]];

export const XML_DECLARATION = "<?xml version='1.0' encoding='UTF-8' ?>";

export function messageResponse(msg: readonly XmlNode[], siblings: readonly XmlNode[] = []): string {
  return document([['RESULT', 'MSG'], ['MSG', msg], ...siblings]);
}

export function errorResponse(code: string, description: string): string {
  return document([['RESULT', 'ERROR'], ['ERROR', [['CODE', code], ['DESCRIPTION', description]]]]);
}

function document(children: readonly XmlNode[]): string {
  return `${XML_DECLARATION}\n${render(['API', children])}`;
}

/**
 * Concatenation instead of `map(render).join('')`, and text without any character to escape
 * returned as it is: a Status answer of ten invoices 7.9 → 3.0 µs in a loop, 2-3 % of the
 * request's server CPU under load (docs/benchmarks.md "Status of ten, profiled").
 */
function render([name, content]: XmlNode): string {
  if (typeof content === 'string') return `<${name}>${escapeXml(content)}</${name}>`;
  if (typeof content === 'number') return `<${name}>${escapeXml(String(content))}</${name}>`;
  let children = '';
  for (const child of content) children += render(child);
  return `<${name}>${children}</${name}>`;
}

/** Every character the replacement below can change, and some it leaves (tab, line feed, carriage return, paired surrogates). */
const MAY_NEED_ESCAPING = /[&<>\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Escapes element text. Only `&`, `<` and `>` need it (no attributes are written), so quotes stay
 * as the published texts have them: Check 402 reads `'+', '()' and '-'`, not `&apos;+&apos;`.
 * Characters XML 1.0 cannot carry (core/shared/text-characters.ts) are dropped: requests holding
 * them are refused, so only text stored before that rule could bring one, and the answer must
 * stay well-formed all the same.
 */
export function escapeXml(text: string): string {
  if (!MAY_NEED_ESCAPING.test(text)) return text;
  return text.replace(
    /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    (char) => ENTITIES[char] ?? '',
  );
}
