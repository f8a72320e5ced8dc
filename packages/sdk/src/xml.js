/**
 * Billink's legacy XML, both ways, without a dependency. Requests are written the way real
 * clients write them: an XML declaration, then `<API>` with VERSION, CLIENTUSERNAME, CLIENTID,
 * ACTION and the fields in a fixed order, upper-case names, lists as `<NAME><ITEM>…</ITEM></NAME>`.
 * Answers are read by a small parser for the subset Billink sends: elements and text, no
 * attributes used, no DOCTYPE (refused, so no entity can ever be expanded).
 */

export function escapeXml(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function element(name, value) {
  return `<${name}>${escapeXml(value)}</${name}>`;
}

/**
 * An `<API>` document. `fields` is a list of [NAME, value] pairs; undefined values are left out
 * (an empty element counts as absent for Billink anyway). `lists` holds [CONTAINER, items] pairs.
 */
export function apiDocument(credentials, action, fields = [], lists = []) {
  const parts = [
    element('VERSION', 'BILLINK2.0'),
    element('CLIENTUSERNAME', credentials.username),
    element('CLIENTID', credentials.clientId),
    element('ACTION', action),
  ];
  for (const [name, value] of fields) if (value !== undefined && value !== null) parts.push(element(name, value));
  for (const [container, items] of lists) {
    const rows = items.map((item) => `<ITEM>${item.filter(([, v]) => v !== undefined && v !== null).map(([n, v]) => element(n, v)).join('')}</ITEM>`);
    parts.push(`<${container}>${rows.join('')}</${container}>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<API>${parts.join('')}</API>`;
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text) {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_all, name) => {
    if (name[0] !== '#') return ENTITIES[name];
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

/**
 * Parses an answer into nested objects: an element with children becomes an object whose keys
 * are child names, each holding an array of occurrences; a leaf becomes its text.
 * Throws on anything that is not well-formed enough to trust.
 */
export function parseXml(xml) {
  let text = String(xml).replace(/^\uFEFF/, '');
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new Error('XML with a DOCTYPE is refused');
  text = text.replace(/<\?[\s\S]*?\?>/g, '').replace(/<!--[\s\S]*?-->/g, '');
  const tag = /<(\/?)([A-Za-z_][\w.-]*)[^>]*?(\/?)>|<!\[CDATA\[([\s\S]*?)\]\]>/g;
  const root = { name: '#root', children: {}, text: '', hasChildren: false };
  const stack = [root];
  let last = 0;
  let match;
  while ((match = tag.exec(text)) !== null) {
    const top = stack[stack.length - 1];
    top.text += decode(text.slice(last, match.index));
    last = tag.lastIndex;
    if (match[4] !== undefined) {
      top.text += match[4];
      continue;
    }
    const [, closing, name, selfClosing] = match;
    if (closing) {
      const open = stack.pop();
      if (!open || open.name !== name || stack.length === 0) throw new Error(`unexpected </${name}>`);
      const parent = stack[stack.length - 1];
      parent.hasChildren = true;
      (parent.children[name] ??= []).push(open.hasChildren ? open.children : open.text.trim());
    } else if (selfClosing) {
      top.hasChildren = true;
      (top.children[name] ??= []).push('');
    } else {
      stack.push({ name, children: Object.create(null), text: '', hasChildren: false });
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1].name}>`);
  return root.children;
}

/** The first value at a path of element names, e.g. first(api, 'MSG', 'CODE'). */
export function first(node, ...path) {
  let current = node;
  for (const name of path) {
    if (current === undefined || typeof current !== 'object') return undefined;
    current = current[name]?.[0];
  }
  return current;
}

/** Every value of a name under a node, as an array. */
export function all(node, name) {
  return node && typeof node === 'object' ? (node[name] ?? []) : [];
}
