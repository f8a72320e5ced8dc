/**
 * The raw v2 check + order (BENCH_BASELINE=raw-v2-pair): JSON in and out on the v2 paths, and the
 * statements Achteraf sends for `POST /v2/client/check` and `POST /v2/client/order`, one round trip
 * each, without validation, credit rules or any other code of Achteraf's (docs/benchmarks.md).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import {
  CLOCK_OFFSET, CUSTOMER_LOCK_CLASS, EXPOSURE, eventRow, INSERT_CHECK, INSERT_EVENT_WITH_DELIVERIES, INSERT_INVOICE_MARK_CHECK,
  invoiceRow, LOCK_CHECK, LOCK_CUSTOMER, MERCHANT, ORDER_NUMBER_TAKEN, type RawDatabase,
} from './raw-sql.js';

type V2Body = Record<string, unknown>;

export function registerRawV2Pair(app: FastifyInstance, db: RawDatabase): void {
  const json = (body: unknown) => JSON.parse(String(body)) as V2Body;
  const identityOf = (body: V2Body) => `${String(body.birthDate)}|${String(body.postalCode)}|${String(body.houseNumber)}`;

  app.post('/v2/client/check', async (request, reply) => {
    const body = json(request.body);
    await db.query(CLOCK_OFFSET, [MERCHANT]);
    await db.query(EXPOSURE, [body.email, identityOf(body), true]);
    const uuid = randomUUID();
    const now = Date.now();
    await db.query(INSERT_CHECK, [uuid, MERCHANT, 1, 10_485, body.email, identityOf(body), 'rules', new Date(now), new Date(now + 86_400_000)]);
    return reply.type('application/json; charset=utf-8').send(JSON.stringify({ result: 'MSG', code: '500', description: 'Advies=1', uuid }));
  });

  app.post('/v2/client/order', async (request, reply) => {
    const body = json(request.body);
    const number = String(body.orderNumber);
    const checkUuid = String(body.checkUuid);
    const email = String(body.email);
    await db.query(CLOCK_OFFSET, [MERCHANT]);
    await db.transaction(async (query) => {
      await query(LOCK_CHECK, [checkUuid, MERCHANT]);
      if (db.engine === 'postgres') await query(LOCK_CUSTOMER, [CUSTOMER_LOCK_CLASS, [email, identityOf(body)].sort()]);
      await query(EXPOSURE, [email, identityOf(body), true]);
      await query(ORDER_NUMBER_TAKEN, [MERCHANT, number, `1TST${number}`]);
      const now = new Date();
      const { rows } = await query(
        INSERT_INVOICE_MARK_CHECK,
        invoiceRow({ number, customer: body, email, identity: identityOf(body), lines: body.orderItems, total: 10_485, vat: 1_820, checkUuid, now }),
      );
      await query(INSERT_EVENT_WITH_DELIVERIES, eventRow(rows[0]!.id, 'order_placed', now));
    });
    const answer = { result: 'MSG', code: '200', description: 'Order successfully added', invoice: `1TST${number}` };
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(answer));
  });
}
