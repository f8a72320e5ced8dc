/** Sends mail over SMTP with nodemailer (SMTP_URL, e.g. smtp://127.0.0.1:2525 or smtps://user:pass@host). */
import { connect, type Socket } from 'node:net';
import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';

export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** An HTML alternative to the text (customer e-mails); merchant mail is text only. */
  html?: string | undefined;
  attachments?: readonly MailAttachment[] | undefined;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): void;
}

/**
 * Connections are pooled (docs/benchmarks.md "Test clock advance and timer runner"): without a
 * pool nodemailer opens a connection per mail, and each costs a TCP set-up, the greeting, EHLO and
 * QUIT before the next mail can go; smtp-server alone waits 100 ms before it greets, so a 10,000
 * invoice clock advance spent 150 ms of every invoice waiting, 25 minutes in all. Two connections
 * of up to 100 mails each, nodemailer's own per-connection limit.
 */
export const SMTP_POOL_CONNECTIONS = 2;

export function smtpMailer(options: { url: string; from: string; timeoutMs?: number }): Mailer {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport(withTransportDefaults(options.url, timeoutMs), { from: options.from });
  // nodemailer's documented hook for the socket it talks over (the one its proxy support uses).
  (transport as unknown as { getSocket: SMTPPool['getSocket'] }).getSocket = (socketOptions, callback) => openNoDelaySocket(socketOptions, timeoutMs, callback);
  return {
    async send(mail) {
      await transport.sendMail({
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
        ...(mail.attachments ? { attachments: mail.attachments.map((a) => ({ ...a })) } : {}),
      });
    },
    close: () => transport.close(),
  };
}

/**
 * The pool and the timeouts as query parameters of SMTP_URL, where nodemailer reads transport
 * options (in createTransport's second argument it takes them for message defaults, where the
 * timeouts had no effect). A parameter the operator put in SMTP_URL wins.
 */
function withTransportDefaults(text: string, timeoutMs: number): string {
  const url = new URL(text);
  const defaults: Record<string, string> = {
    pool: 'true',
    maxConnections: String(SMTP_POOL_CONNECTIONS),
    maxMessages: '100',
    connectionTimeout: String(timeoutMs),
    greetingTimeout: String(timeoutMs),
    socketTimeout: String(timeoutMs),
  };
  for (const [name, value] of Object.entries(defaults)) if (!url.searchParams.has(name)) url.searchParams.set(name, value);
  return url.toString();
}

/**
 * A TCP connection to the SMTP server with Nagle's algorithm off (docs/benchmarks.md "Test clock
 * advance and timer runner"). nodemailer writes a mail in several small writes (the commands,
 * then the message in chunks) and leaves Nagle on, so a write that follows one not yet
 * acknowledged waits for the server's delayed ACK: about 40 ms of every mail on loopback, whatever
 * the mail's size, measured here as 44 ms per mail over a pooled connection before and 1-2 ms
 * after. TLS (smtps:// and STARTTLS) is still nodemailer's: given a connected plain socket it
 * upgrades it as it would its own.
 */
function openNoDelaySocket(options: SMTPPool.Options, timeoutMs: number, callback: (error: Error | null, socketOptions?: { connection: Socket }) => void): void {
  const socket = connect({ host: options.host ?? 'localhost', port: options.port ?? (options.secure ? 465 : 587), noDelay: true });
  let answered = false;
  const answer = (error: Error | null) => {
    if (answered) return;
    answered = true;
    socket.setTimeout(0);
    if (error) {
      socket.destroy();
      callback(error);
    } else callback(null, { connection: socket });
  };
  coalesceWrites(socket);
  socket.setTimeout(timeoutMs, () => answer(Object.assign(new Error('Connection timeout'), { code: 'ETIMEDOUT' })));
  socket.once('error', answer);
  socket.once('connect', () => {
    socket.removeListener('error', answer);
    answer(null);
  });
}

/**
 * With Nagle off every write is a packet and a system call of its own, and nodemailer writes a
 * mail in about 19 (commands, headers, the body's chunks). Writes made in the same tick of the
 * event loop leave together: the socket is corked at the first and uncorked on the next tick,
 * which still comes before any answer can be read.
 */
function coalesceWrites(socket: Socket): void {
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  let corked = false;
  socket.write = ((...args: unknown[]) => {
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(() => {
        corked = false;
        socket.uncork();
      });
    }
    return write(...args);
  }) as Socket['write'];
}
