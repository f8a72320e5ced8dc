/**
 * Sends the customer e-mails the invoice life cycle queued (customer_mails, docs/collection.md
 * "The customer's side"): claims due rows with a lease (SKIP LOCKED), renders subject, text and
 * HTML in the mail's language with the PDF attached, and hands them to SMTP. Without SMTP_URL a
 * mail is rendered all the same and kept in the local outbox (channel `outbox`, listed by
 * `npm run mail`) instead of being sent. A mail that cannot be sent is tried again with growing
 * waits and marked `failed` after the last try.
 */
import type { CoreContext } from '../core/context.js';
import type { Clock } from '../core/shared/clock.js';
import type { Mailer } from '../outbound/mailer.js';
import type { ClaimedCustomerMail, SentCustomerMail, SqlCustomerMailOutbox } from '../store/customer-mail-outbox-repository.js';
import type { Seller } from '../core/customer-side/seller.js';
import type { Merchant } from '../core/merchants/merchant.js';
import type { BatchFacts, CustomerDocuments } from './customer-documents.js';
import { renderCustomerMail } from './customer-mail-render.js';
import type { Job, JobLog } from './job-runner.js';
import { MAIL_RETRY_WAITS } from './mail-job.js';

/** Mails claimed, sent and marked sent together: a crash resends at most the one being sent and the one before it (its mark runs beside the next batch). */
export const CUSTOMER_MAIL_BATCH = 20;

/** What a claimed batch of mails looks up once for all of them (lookUpBatch). */
interface BatchLookups extends BatchFacts {
  merchants: Map<string, { merchant: Merchant; seller: Seller }>;
}
type SentRow = SentCustomerMail & { id: string };
interface PreparedBatch {
  tokens: Map<string, string>;
  batch: BatchLookups | undefined;
}
/**
 * Mails of a batch rendered and sent at once (docs/benchmarks.md "Test clock advance and timer
 * runner"). One after the other, each mail waited for its SQL look-ups, the SMTP server's answers
 * and the mark as sent while the CPU had nothing to do: the clock advance's mails took 11.8 ms
 * each, about half of it waiting. With four in flight the waits overlap with another mail's
 * rendering. Mails of one invoice stay in order, in one lane.
 */
export const MAIL_CONCURRENCY = 4;
/** Long enough for rendering a batch's PDFs and a slow SMTP server; a crashed worker's rows return after it. */
const LEASE_MS = 120_000;
/** How often a merchant's send looks again at mails another process holds. */
const HELD_POLL_MS = 25;

export interface CustomerMailJobOptions {
  outbox: SqlCustomerMailOutbox;
  documents: CustomerDocuments;
  /** The core's store and per-merchant clocks: a mail's sent time is the merchant's business time. */
  core: Pick<CoreContext, 'store' | 'clocks'>;
  /** Undefined: no SMTP_URL, mails stay in the local outbox. */
  mailer: Mailer | undefined;
  /** Real time, for leases and retries. */
  clock: Clock;
  log: JobLog;
  /** CUSTOMER_MAIL_LEASE_SECONDS in milliseconds; LEASE_MS when absent. */
  leaseMs?: number | undefined;
}

export class CustomerMailJob implements Job {
  readonly name = 'customer-mail';

  constructor(private readonly options: CustomerMailJobOptions) {}

  private get leaseMs(): number {
    return this.options.leaseMs ?? LEASE_MS;
  }

  async runOnce(): Promise<boolean> {
    const now = this.options.clock.now();
    const mails = await this.options.outbox.claim(now, new Date(now.getTime() + this.leaseMs), CUSTOMER_MAIL_BATCH);
    await this.deliverAll(mails);
    return mails.length === CUSTOMER_MAIL_BATCH;
  }

  /**
   * Sends every pending e-mail of one merchant now, also those waiting for a retry, each tried
   * once; answers how many were handed over (to SMTP or the local outbox). The sandbox clock
   * advance calls it (ClockFollowUp.sendCustomerMails, core/sandbox/clock-follow-up.ts).
   *
   * A mail another process holds (the background job, another node, or a process that died while
   * it held the mail) is waited for within its lease: counted once its holder sent it, and sent
   * here once the lease ran out. Without that wait, the advance repeated after a crash would
   * answer with the dead process's mails still pending until the background job found them.
   */
  async sendCustomerMails(merchantId: string): Promise<number> {
    const { outbox, clock } = this.options;
    let handedOver = 0;
    const tried = new Set<string>();
    // The next batch is claimed and prepared (its pay tokens and look-ups) while one is sent
    // (docs/benchmarks.md "Clock advance, once more"): claimed after it, the PDF thread idled over
    // the claim's, the pay tokens' and the look-ups' round trips and two commits between batches.
    const claimNext = (afterId: string) => {
      const now = clock.now();
      const lockedUntil = new Date(now.getTime() + this.leaseMs);
      const claimed = outbox.claim(now, lockedUntil, CUSTOMER_MAIL_BATCH, { id: merchantId, afterId }).then(async (mails) => ({ mails, lockedUntil, prepared: await this.prepare(mails) }));
      // Awaited below; until then a failure must not count as unhandled.
      claimed.catch(() => undefined);
      return claimed;
    };
    let next = claimNext('0');
    // A batch's mark as sent runs while the next batch is sent, and is awaited before that one's
    // mark and before this pass ends (docs/benchmarks.md "Clock advance, a third time"): awaited
    // at once, the PDF thread idled over its statement and commit between every two batches.
    let marking: Promise<void> = Promise.resolve();
    for (;;) {
      const { mails, prepared } = await next;
      if (mails.length === 0) break;
      for (const mail of mails) tried.add(mail.id);
      next = claimNext(mails[mails.length - 1]!.id);
      let sent: SentRow[] = [];
      try {
        sent = await this.sendBatch(mails, prepared);
        await marking;
      } catch (error) {
        // Nothing more is sent: what was sent is marked if it can be, and what was claimed ahead
        // is given back at once, not held until its lease runs out (a repeated advance would wait
        // for it). If either fails too, the lease ends it, and a mail sent but not marked goes
        // again after its lease, as after a crash.
        await outbox.markAllSent(sent).catch(() => undefined);
        await next.then(({ mails: ahead, lockedUntil }) => outbox.release(ahead.map((mail) => mail.id), lockedUntil)).catch(() => undefined);
        throw error;
      }
      marking = outbox.markAllSent(sent);
      // Awaited with the next batch or after the last; until then a failure must not count as unhandled.
      marking.catch(() => undefined);
      handedOver += sent.length;
    }
    await marking;
    // What the pass skipped: held by another claim, or held when the pass went by and free since.
    const waiting = new Set((await outbox.pendingIds(merchantId)).filter((id) => !tried.has(id)));
    const giveUp = performance.now() + this.leaseMs + HELD_POLL_MS;
    while (waiting.size > 0 && performance.now() < giveUp) {
      const now = clock.now();
      const taken = await outbox.claim(now, new Date(now.getTime() + this.leaseMs), CUSTOMER_MAIL_BATCH, { id: merchantId, afterId: '0', ids: [...waiting] });
      for (const mail of taken) waiting.delete(mail.id);
      handedOver += await this.deliverAll(taken);
      for (const row of await outbox.states([...waiting])) {
        if (row.state === 'pending') continue;
        waiting.delete(row.id);
        if (row.state === 'sent') handedOver += 1;
      }
      if (waiting.size > 0) await new Promise((resolve) => setTimeout(resolve, HELD_POLL_MS));
    }
    return handedOver;
  }

  /**
   * Delivers a claimed batch MAIL_CONCURRENCY at a time, each invoice's mails in claim order, and
   * answers how many were handed over. The batch's pay tokens are committed in one statement before
   * the first mail goes, and the mails handed over are marked sent in one statement after the last:
   * on PostgreSQL every commit waits for its WAL flush, and two commits per mail were most of what
   * the clock advance waited on (docs/benchmarks.md "Test clock advance and timer runner"). A crash
   * between sending and marking sends the batch's mails again after their lease, as a crash between
   * one mail's sending and its mark did before: customer e-mails go out at least once.
   */
  private async deliverAll(mails: readonly ClaimedCustomerMail[]): Promise<number> {
    if (mails.length === 0) return 0;
    return this.deliverPrepared(mails, await this.prepare(mails));
  }

  /** What a batch needs before its first mail goes: its pay tokens (committed) and its look-ups. */
  private async prepare(mails: readonly ClaimedCustomerMail[]): Promise<PreparedBatch> {
    if (mails.length === 0) return { tokens: new Map(), batch: undefined };
    const invoiceIds = [...new Set(mails.map((mail) => mail.invoiceId))];
    const [tokens, batch] = await Promise.all([this.options.documents.payTokens(invoiceIds), this.lookUpBatch(mails, invoiceIds)]);
    return { tokens, batch };
  }

  private async deliverPrepared(mails: readonly ClaimedCustomerMail[], prepared: PreparedBatch): Promise<number> {
    const sent = await this.sendBatch(mails, prepared);
    await this.options.outbox.markAllSent(sent);
    return sent.length;
  }

  /**
   * Hands a batch's mails over MAIL_CONCURRENCY at a time and answers those handed over, not yet
   * marked sent. If a mail's failure could not be recorded, what was handed over is marked before
   * that error is thrown.
   */
  private async sendBatch(mails: readonly ClaimedCustomerMail[], { tokens, batch }: PreparedBatch): Promise<SentRow[]> {
    const byInvoice = new Map<string, ClaimedCustomerMail[]>();
    for (const mail of mails) {
      const lane = byInvoice.get(mail.invoiceId);
      if (lane) lane.push(mail);
      else byInvoice.set(mail.invoiceId, [mail]);
    }
    const lanes = [...byInvoice.values()];
    const sent: SentRow[] = [];
    const worker = async () => {
      for (let lane = lanes.shift(); lane; lane = lanes.shift()) {
        for (const mail of lane) {
          const handedOver = await this.deliver(mail, tokens.get(mail.invoiceId), batch);
          if (handedOver) sent.push({ id: mail.id, ...handedOver });
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(MAIL_CONCURRENCY, lanes.length) }, worker));
    } catch (error) {
      await this.options.outbox.markAllSent(sent);
      throw error;
    }
    return sent;
  }

  /** What was handed over, or undefined when the mail was not (its failed attempt is recorded). */
  private async deliver(mail: ClaimedCustomerMail, payToken: string | undefined, batch: BatchLookups | undefined): Promise<SentCustomerMail | undefined> {
    const { outbox, mailer, clock } = this.options;
    try {
      const rendered = await this.render(mail, mailer !== undefined, payToken, batch);
      if (mailer) await mailer.send(rendered.mail);
      return { at: rendered.sentAt(), channel: mailer ? 'smtp' : 'outbox', subject: rendered.mail.subject, body: rendered.mail.text };
    } catch (error) {
      const wait = MAIL_RETRY_WAITS[mail.attempts];
      const retryAt = wait === undefined ? undefined : new Date(clock.now().getTime() + wait * 1000);
      this.options.log.error({ err: error, job: this.name }, `customer mail ${mail.id} not sent${retryAt ? '; will retry' : '; giving up'}`);
      await outbox.markFailedAttempt(mail.id, (error as Error).message ?? String(error), retryAt);
      return undefined;
    }
  }

  /**
   * What every mail of a batch reads, looked up once for the batch: its merchants and their
   * sellers, its invoices, and when each invoice's first e-mail was queued. Four statements per
   * mail were most of the mail job's SQL in the clock advance (docs/benchmarks.md "Test clock
   * advance and timer runner"). Undefined when a look-up failed: each mail then looks up its own,
   * and one that fails is recorded as a failed attempt, as before.
   */
  private async lookUpBatch(mails: readonly ClaimedCustomerMail[], invoiceIds: readonly string[]): Promise<BatchLookups | undefined> {
    const { store } = this.options.core;
    const { documents } = this.options;
    try {
      const merchantIds = [...new Set(mails.map((mail) => mail.merchantId))];
      const [merchants, facts] = await Promise.all([
        Promise.all(merchantIds.map(async (id) => {
          const merchant = await store.merchants.findById(id);
          return merchant && { merchant, seller: await documents.seller(merchant) };
        })),
        documents.forBatch(invoiceIds),
      ]);
      return { ...facts, merchants: new Map(merchants.flatMap((found) => (found ? [[found.merchant.id, found] as const] : []))) };
    } catch {
      return undefined;
    }
  }

  private async render(claimed: ClaimedCustomerMail, withPdf: boolean, payToken: string | undefined, batch: BatchLookups | undefined) {
    const { store, clocks } = this.options.core;
    const looked = batch?.merchants.get(claimed.merchantId);
    const merchant = looked?.merchant ?? (await store.merchants.findById(claimed.merchantId));
    const fromBatch = batch?.invoices.get(claimed.invoiceId);
    const invoice = merchant && (fromBatch?.merchantId === merchant.id ? fromBatch : await store.read.invoices.find(merchant.id, claimed.invoiceNumber));
    if (!merchant || !invoice) throw new Error(`invoice ${claimed.invoiceId} of merchant ${claimed.merchantId} not found`);
    const known = batch && looked ? { seller: looked.seller, mailedAt: batch.mailedAt.get(invoice.id) ?? null } : {};
    const mail = await renderCustomerMail(this.options.documents, merchant, invoice, claimed, withPdf, payToken, known);
    return { mail, sentAt: () => clocks.clockFor(merchant).now() };
  }
}
