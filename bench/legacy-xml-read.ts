/**
 * CPU of reading the bench's legacy check and order bodies (bench/support/legacy-xml.ts), the way
 * the server reads them (`parseLegacyXml`) and through fast-xml-parser's validation and parse alone
 * (what every body cost before the plain reader). Best of several loops, so a busy machine slows it
 * less than it slows a load test (docs/benchmarks.md "The legacy pair, once more").
 *
 *   npx tsx bench/legacy-xml-read.ts [loops per round]
 */
import { parseLegacyXml, parseWithFastXmlParser } from '../src/api/billink-legacy/xml-request.js';
import { checkXml, newCustomer, newOrderNumber, orderXml } from './support/legacy-xml.js';

const loops = Number(process.argv[2] ?? 5_000);
const bodies = Array.from({ length: 64 }, () => {
  const customer = newCustomer();
  return [checkXml(customer), orderXml(customer, '8d3b5e42-8b0a-4f6e-9d0c-2f1c6f4c1a7e', newOrderNumber())] as const;
});

function bestMicrosecondsPerPair(read: (xml: string) => unknown): number {
  let best = Infinity;
  for (let round = 0; round < 8; round += 1) {
    const start = process.cpuUsage();
    for (let i = 0; i < loops; i += 1) {
      const [check, order] = bodies[i % bodies.length]!;
      if (!read(check) || !read(order)) throw new Error('a bench body was refused');
    }
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / loops);
  }
  return best;
}

const prepare = (body: string) => body.replace(/^\uFEFF/, '').trim();
console.log(`parseLegacyXml (the server's read):       ${bestMicrosecondsPerPair((xml) => parseLegacyXml(xml).ok).toFixed(1)} µs per check+order pair`);
console.log(`fast-xml-parser validation and parse:     ${bestMicrosecondsPerPair((xml) => parseWithFastXmlParser(prepare(xml))).toFixed(1)} µs per check+order pair`);
