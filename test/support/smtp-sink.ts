/** A real SMTP server on loopback (smtp-server) that keeps every message it accepts. */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  from: string | undefined;
  to: string[];
  raw: string;
  subject: string;
  /** The body with quoted-printable soft breaks undone, good enough to search in. */
  text: string;
}

export class SmtpSink {
  readonly mails: ReceivedMail[] = [];
  /**
   * Errors of client connections. smtp-server emits a reset in the middle of a message as an
   * 'error' event on the server, and a server process killed by a crash test does exactly that;
   * without a listener the event would throw in the test process.
   */
  readonly connectionErrors: Error[] = [];
  private server: SMTPServer | undefined;
  private port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
          const subject = /^Subject: (.*(?:\r?\n[ \t].*)*)/im.exec(head)?.[1]?.replace(/\r?\n[ \t]/g, ' ') ?? '';
          const from = session.envelope.mailFrom;
          this.mails.push({
            from: from ? from.address : undefined,
            to: session.envelope.rcptTo.map((recipient) => recipient.address),
            raw,
            subject,
            text: rest.join('\n\n').replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          });
          callback();
        });
      },
    });
    this.server.on('error', (error: Error) => this.connectionErrors.push(error));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
