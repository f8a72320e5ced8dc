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
import type { ClaimedCustomerMail, SqlCustomerMailOutbox } from '../store/customer-mail-outbox-repository.js';
import type { CustomerDocuments } from './customer-documents.js';
import { renderCustomerMail } from './customer-mail-render.js';
import type { Job, JobLog } from './job-runner.js';
import { MAIL_RETRY_WAITS } from './mail-job.js';

const BATCH = 20;
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
    const mails = await this.options.outbox.claim(now, new Date(now.getTime() + this.leaseMs), BATCH);
    for (const mail of mails) await this.deliver(mail);
    return mails.length === BATCH;
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
    let afterId = '0';
    const tried = new Set<string>();
    for (;;) {
      const now = clock.now();
      const mails = await outbox.claim(now, new Date(now.getTime() + this.leaseMs), BATCH, { id: merchantId, afterId });
      if (mails.length === 0) break;
      for (const mail of mails) {
        tried.add(mail.id);
        if (await this.deliver(mail)) handedOver += 1;
        afterId = mail.id;
      }
    }
    // What the pass skipped: held by another claim, or held when the pass went by and free since.
    const waiting = new Set((await outbox.pendingIds(merchantId)).filter((id) => !tried.has(id)));
    const giveUp = performance.now() + this.leaseMs + HELD_POLL_MS;
    while (waiting.size > 0 && performance.now() < giveUp) {
      const now = clock.now();
      const taken = await outbox.claim(now, new Date(now.getTime() + this.leaseMs), BATCH, { id: merchantId, afterId: '0', ids: [...waiting] });
      for (const mail of taken) {
        waiting.delete(mail.id);
        if (await this.deliver(mail)) handedOver += 1;
      }
      for (const row of await outbox.states([...waiting])) {
        if (row.state === 'pending') continue;
        waiting.delete(row.id);
        if (row.state === 'sent') handedOver += 1;
      }
      if (waiting.size > 0) await new Promise((resolve) => setTimeout(resolve, HELD_POLL_MS));
    }
    return handedOver;
  }

  /** True when the mail was handed over. */
  private async deliver(mail: ClaimedCustomerMail): Promise<boolean> {
    const { outbox, mailer, clock } = this.options;
    try {
      const rendered = await this.render(mail, mailer !== undefined);
      if (mailer) await mailer.send(rendered.mail);
      await outbox.markSent(mail.id, { at: rendered.sentAt(), channel: mailer ? 'smtp' : 'outbox', subject: rendered.mail.subject, body: rendered.mail.text });
      return true;
    } catch (error) {
      const wait = MAIL_RETRY_WAITS[mail.attempts];
      const retryAt = wait === undefined ? undefined : new Date(clock.now().getTime() + wait * 1000);
      this.options.log.error({ err: error, job: this.name }, `customer mail ${mail.id} not sent${retryAt ? '; will retry' : '; giving up'}`);
      await outbox.markFailedAttempt(mail.id, (error as Error).message ?? String(error), retryAt);
      return false;
    }
  }

  private async render(claimed: ClaimedCustomerMail, withPdf: boolean) {
    const { store, clocks } = this.options.core;
    const merchant = await store.merchants.findById(claimed.merchantId);
    const invoice = merchant && (await store.read.invoices.find(merchant.id, claimed.invoiceNumber));
    if (!merchant || !invoice) throw new Error(`invoice ${claimed.invoiceId} of merchant ${claimed.merchantId} not found`);
    const mail = await renderCustomerMail(this.options.documents, merchant, invoice, claimed, withPdf);
    return { mail, sentAt: () => clocks.clockFor(merchant).now() };
  }
}
