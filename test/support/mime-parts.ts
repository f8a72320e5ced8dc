/**
 * The parts of a MIME message as a mail client sees them: each part's content type, file name and
 * decoded bytes (base64 and quoted-printable undone), so tests read the text, the HTML and the
 * attachments of what the SMTP server received.
 */
export interface MimePart {
  contentType: string;
  fileName: string | undefined;
  content: Buffer;
}

export function mimeParts(raw: string): MimePart[] {
  const parts: MimePart[] = [];
  const boundaries = [...raw.matchAll(/boundary="?([^";\r\n]+)"?/gi)].map((match) => match[1]!);
  for (const boundary of boundaries) {
    for (const chunk of raw.split(`--${boundary}`).slice(1)) {
      if (chunk.startsWith('--')) continue;
      const split = chunk.search(/\r?\n\r?\n/);
      if (split < 0) continue;
      const head = chunk.slice(0, split).replace(/\r?\n[ \t]+/g, ' ');
      const body = chunk.slice(split).replace(/^\r?\n\r?\n/, '').replace(/\r?\n$/, '');
      const contentType = /^Content-Type:\s*([^;\s]+)/im.exec(head)?.[1]?.toLowerCase() ?? 'text/plain';
      if (contentType.startsWith('multipart/')) continue;
      const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(head)?.[1]?.toLowerCase();
      const fileName = /filename="?([^";\r\n]+)"?/i.exec(head)?.[1];
      parts.push({ contentType, fileName, content: decode(body, encoding) });
    }
  }
  return parts;
}

function decode(body: string, encoding: string | undefined): Buffer {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s/g, ''), 'base64');
  if (encoding === 'quoted-printable') {
    const bytes: number[] = [];
    const text = body.replace(/=\r?\n/g, '');
    for (let i = 0; i < text.length; i += 1) {
      if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
        bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(...Buffer.from(text[i]!, 'utf8'));
    }
    return Buffer.from(bytes);
  }
  return Buffer.from(body, 'utf8');
}

/** A header as a mail client shows it: RFC 2047 encoded words (=?UTF-8?Q?...?= and ?B?) decoded. */
export function decodeHeader(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([QB])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : decode(text.replace(/_/g, ' '), 'quoted-printable').toString('utf8'),
    );
}
