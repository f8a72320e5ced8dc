/**
 * The one-pass reader of plain legacy XML (src/api/billink-legacy/plain-xml-read.ts) against
 * fast-xml-parser's validation and parse, which read every request before it: wherever the plain
 * reader gives a tree, fast-xml-parser accepts the document and gives the same tree; everything
 * else, refusals included, is left to fast-xml-parser. The documents are the shapes real clients
 * send, every one-character change of them, and seeded random documents, so the run is the same
 * every time.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readPlainXml } from '../../src/api/billink-legacy/plain-xml-read.js';
import { parseLegacyXml, parseWithFastXmlParser } from '../../src/api/billink-legacy/xml-request.js';

const HEAD = '<VERSION>BILLINK2.0</VERSION><CLIENTUSERNAME>usertest</CLIENTUSERNAME><CLIENTID>d38a3439</CLIENTID>';
const ITEM = '<ITEM><CODE>SKU-1</CODE><DESCRIPTION>Wollen trui</DESCRIPTION><ORDERQUANTITY>2</ORDERQUANTITY><PRICEINCL>49.95</PRICEINCL><BTW>21</BTW></ITEM>';

/** Plain documents as clients send them: each must take the plain reader. */
const PLAIN: readonly string[] = [
  `<?xml version="1.0" encoding="UTF-8"?>\n<API>${HEAD}<ACTION>Check</ACTION><TYPE>P</TYPE><EMAIL>jan@example.com</EMAIL><ORDERAMOUNT>104.85</ORDERAMOUNT></API>`,
  `<?xml version='1.0' encoding='utf-8' standalone='yes' ?><API>${HEAD}<ACTION>Order</ACTION><ORDERITEMS>${ITEM}${ITEM}</ORDERITEMS></API>`,
  `<?xml version="1.0"?><API>${HEAD}<ACTION>Order</ACTION><ORDERITEMS><ITEMS><CODE>1</CODE></ITEMS><ITEMS><CODE>2</CODE></ITEMS></ORDERITEMS></API>`,
  `<API>${HEAD}<ACTION>Order</ACTION><ORDERITEMS>${ITEM}</ORDERITEMS><ORDERITEMS>${ITEM}</ORDERITEMS></API>`,
  `<API>${HEAD}<ACTION>Status</ACTION><INVOICES><INVOICE><INVOICENUMBER>TST-1</INVOICENUMBER></INVOICE></INVOICES></API>`,
  `<API>${HEAD}<ACTION>Status</ACTION><INVOICES><INVOICE><WORKFLOWNUMBER>1</WORKFLOWNUMBER><INVOICENUMBER>TST-1</INVOICENUMBER></INVOICE><INVOICE><INVOICENUMBER>TST-2</INVOICENUMBER></INVOICE></INVOICES></API>`,
  `<API>\r\n  ${HEAD}\r\n  <ACTION>Check</ACTION>\r\n  <STREET>  Dam\r\nrak \r</STREET>\n\t<HOUSEEXTENSION></HOUSEEXTENSION><COMPANYNAME/><ORDERITEMS/>\n</API>`,
  `<API>${HEAD}<LASTNAME>de Vriés ☃ 😀</LASTNAME><A><B><C>deep</C><C>twice</C></B></A><EMPTY>   </EMPTY><X_1>a b</X_1></API>`,
  `<API>${HEAD}<ORDERITEMS>\n</ORDERITEMS><INVOICES></INVOICES><NOTE>\u00a0kept inside\u00a0</NOTE></API>`,
];

/** Documents the plain reader must leave to fast-xml-parser (it accepts or refuses them itself). */
const NOT_PLAIN: readonly string[] = [
  `<API>${HEAD}<COMPANYNAME>Jansen &amp; Zn</COMPANYNAME></API>`,
  `<API>${HEAD}<COMPANYNAME>Jansen & Zn</COMPANYNAME></API>`,
  `<API>${HEAD}<A>x &#233; y</A></API>`,
  `<API>${HEAD}<A>1 > 0</A></API>`,
  `<API version="2">${HEAD}</API>`,
  `<API>${HEAD}<!-- a comment --></API>`,
  `<API>${HEAD}<A><![CDATA[<b>]]></A></API>`,
  `<API>${HEAD}<?pi data?></API>`,
  `<b:API xmlns:b="urn:x">${HEAD}</b:API>`,
  `<API>${HEAD}<b:A>1</b:A></API>`,
  `<API>${HEAD}<A>text<B>1</B></A></API>`,
  `<API>${HEAD}<A><B>1</B>tail</A></API>`,
  `<API>${HEAD}<constructor>1</constructor></API>`,
  `<API>${HEAD}<prototype>1</prototype></API>`,
  `<API>${HEAD}<__proto__>1</__proto__></API>`,
  `<API>${HEAD}<toString>1</toString></API>`,
  `<API>${HEAD}<hasOwnProperty>1</hasOwnProperty></API>`,
  `<API>${HEAD}<A >1</A ></API>`,
  `<API>${HEAD}<A>1</B></API>`,
  `<API>${HEAD}<A>1</API>`,
  `<API>${HEAD}</API></API>`,
  `<API>${HEAD}</API><API></API>`,
  `<API>${HEAD}</API>trailing`,
  `<API/>`,
  `<API>text</API>`,
  `<OTHER>${HEAD}</OTHER>`,
  `<API>${HEAD}<1A>1</1A></API>`,
  `<API>${HEAD}<A-B>1</A-B></API>`,
  `<API>${HEAD}<A.B>1</A.B></API>`,
  `<?xml version="1.1"?><API>${HEAD}</API>`,
  `<?xml  version="1.0"?><API>${HEAD}</API>`,
  `<?xml version="1.0" encoding="UTF-8"?><?xml version="1.0"?><API>${HEAD}</API>`,
  `<?xml version="1.0"?>x<API>${HEAD}</API>`,
  `<API>${HEAD}<ÄNAME>1</ÄNAME></API>`,
  `<API>${HEAD}`,
  `<API>${HEAD}<A>`,
  `<API>${HEAD}<`,
];

/** What the server does with a body, before this reader existed: fast-xml-parser alone. */
function referenceTree(xml: string): unknown {
  return parseWithFastXmlParser(xml);
}

function assertAgrees(xml: string): 'plain' | 'left' {
  const plain = readPlainXml(xml);
  if (plain === undefined) return 'left';
  const reference = referenceTree(xml);
  assert.notEqual(reference, undefined, `fast-xml-parser refuses what the plain reader read: ${JSON.stringify(xml)}`);
  assert.deepEqual(plain, reference, `a different tree for ${JSON.stringify(xml)}`);
  return 'plain';
}

test('the documents clients send are read in one pass to the tree fast-xml-parser gives', () => {
  for (const xml of PLAIN) assert.equal(assertAgrees(xml), 'plain', JSON.stringify(xml));
});

test('attributes, comments, CDATA, references, namespaces, mixed content and malformed markup are left to fast-xml-parser', () => {
  for (const xml of NOT_PLAIN) assert.equal(readPlainXml(xml), undefined, JSON.stringify(xml));
});

test('a request body reads as before: a BOM and white space around the document are dropped, a refused document stays refused', () => {
  const body = `\uFEFF \n${PLAIN[0]}\n `;
  const read = parseLegacyXml(body);
  assert.ok(read.ok);
  assert.equal(read.request.text('EMAIL'), 'jan@example.com');
  for (const refused of [`<API>${HEAD}<A>1</B></API>`, `<API>${HEAD}<A>`, `<API>${HEAD}</API><API></API>`, '<API/>', '<API>text</API>', `<API>${HEAD}<__proto__>1</__proto__></API>`]) {
    assert.equal(parseLegacyXml(refused).ok, false, refused);
  }
});

const INSERTIONS = ['<', '>', '/', '&', '!', '?', ' ', '\t', '\r', '\n', '"', "'", '=', ':', '-', '.', '1', 'x', ';', '#', '[', ']',
  '\u00a0', '\ufeff', '<A>', '</A>', '<A/>', '</API>', '<API>', '&amp;', '&lt;', '&#38;', '&bogus;', '<!-- c -->', '<![CDATA[x]]>',
  '<?pi?>', '<?xml version="1.0"?>', ' a="1"', '<prototype>', '</ITEM>', '<ITEM>', '<ORDERITEMS>', '</ORDERITEMS>'];

test('every one-character deletion and every insertion of markup into the client documents reads as fast-xml-parser reads it', () => {
  let plain = 0;
  let left = 0;
  for (const seed of PLAIN) {
    for (let at = 0; at <= seed.length; at += 1) {
      const variants = [seed.slice(0, at) + seed.slice(at + 1), seed.slice(0, at)];
      for (const insertion of INSERTIONS) variants.push(seed.slice(0, at) + insertion + seed.slice(at));
      for (const xml of variants) {
        if (!xml.startsWith('<')) continue;
        if (assertAgrees(xml) === 'plain') plain += 1;
        else left += 1;
      }
    }
  }
  // Both kinds were exercised in numbers.
  assert.ok(plain > 1_000 && left > 1_000, `plain ${plain}, left ${left}`);
});

test('seeded random documents read as fast-xml-parser reads them', () => {
  let state = 0x2545f491;
  const random = (below: number) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % below;
  };
  const pick = <T,>(list: readonly T[]) => list[random(list.length)]!;
  const names = ['A', 'B', 'ITEM', 'ITEMS', 'ORDERITEMS', 'INVOICES', 'INVOICE', 'CODE', 'API', 'x_1', '_', 'prototype', 'valueOf'];
  const texts = ['', ' ', '1', ' two words ', '\r\n', 'a\rb', '\u00a0', 'é', '&amp;', '>', 'x&y', '\t\n', 'null', 'true', '0.50'];
  const spaces = ['', '', '', ' ', '\n', '\r\n  ', '\t'];
  const element = (depth: number): string => {
    const name = pick(names);
    const kind = random(depth > 3 ? 2 : 4);
    if (kind === 0) return `${pick(spaces)}<${name}/>`;
    if (kind === 1) return `${pick(spaces)}<${name}>${pick(texts)}</${name}>`;
    const children = Array.from({ length: random(4) }, () => element(depth + 1)).join('');
    return `${pick(spaces)}<${name}>${children}${random(8) === 0 ? pick(texts) : pick(spaces)}</${name}>`;
  };
  let plain = 0;
  for (let n = 0; n < 4_000; n += 1) {
    const children = Array.from({ length: 1 + random(5) }, () => element(1)).join('');
    const declaration = random(2) === 0 ? '<?xml version="1.0" encoding="UTF-8"?>' + pick(spaces) : '';
    const xml = `${declaration}<API>${children}${pick(spaces)}</API>`;
    if (assertAgrees(xml) === 'plain') plain += 1;
  }
  assert.ok(plain > 1_000, `plain ${plain}`);
});
