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
/** Long enough for rendering a PDF and a slow SMTP server; a crashed worker's rows return after it. */
const LEASE_MS = 120_000;

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
}

export class CustomerMailJob implements Job {
  readonly name = 'customer-mail';

  constructor(private readonly options: CustomerMailJobOptions) {}

  async runOnce(): Promise<boolean> {
    const now = this.options.clock.now();
    const mails = await this.options.outbox.claim(now, new Date(now.getTime() + LEASE_MS), BATCH);
    for (const mail of mails) await this.deliver(mail);
    return mails.length === BATCH;
  }

  /**
   * Sends every pending e-mail of one merchant now, also those waiting for a retry, each tried
   * once; answers how many were handed over (to SMTP or the local outbox). The sandbox clock
   * advance calls it (ClockFollowUp.sendCustomerMails, core/sandbox/clock-follow-up.ts).
   */
  async sendCustomerMails(merchantId: string): Promise<number> {
    let handedOver = 0;
    let afterId = '0';
    for (;;) {
      const now = this.options.clock.now();
      const mails = await this.options.outbox.claim(now, new Date(now.getTime() + LEASE_MS), BATCH, { id: merchantId, afterId });
      if (mails.length === 0) return handedOver;
      for (const mail of mails) {
        if (await this.deliver(mail)) handedOver += 1;
        afterId = mail.id;
      }
    }
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
