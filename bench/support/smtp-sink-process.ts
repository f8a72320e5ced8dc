/**
 * A real SMTP server (smtp-server) on loopback in a child process, for benchmarks that send
 * customer e-mails: it has its own event loop, and its CPU time is not counted in the measured
 * process's (a worker thread's would be). It keeps counts only: mails accepted, and how many of
 * them carry a PDF attachment (a MIME part of type application/pdf whose body begins with %PDF
 * in base64, "JVBERi").
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface SmtpSinkProcess {
  url: string;
  counts(): Promise<{ mails: number; withPdf: number }>;
  stop(): Promise<void>;
}

export async function startSmtpSinkProcess(): Promise<SmtpSinkProcess> {
  const code = `
    const { SMTPServer } = require('smtp-server');
    let mails = 0;
    let withPdf = 0;
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // The reverse DNS look-up of 127.0.0.1 waits for a resolver this machine may not answer.
      disableReverseLookup: true,
      size: 10 * 1024 * 1024,
      onData(stream, session, callback) {
        const chunks = [];
        stream.on('data', (chunk) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('latin1');
          mails += 1;
          if (/Content-Type: application\\/pdf[\\s\\S]*?\\r?\\n\\r?\\nJVBERi/i.test(raw)) withPdf += 1;
          callback();
        });
      },
    });
    server.listen(0, '127.0.0.1', () => process.send({ port: server.server.address().port }));
    process.on('message', (message) => {
      if (message === 'counts') process.send({ mails, withPdf });
      else server.close(() => process.exit(0));
    });
    process.on('disconnect', () => process.exit(0));
    `;
  // Run from the repository, where smtp-server is installed.
  const child = spawn(process.execPath, ['-e', code], { cwd: fileURLToPath(new URL('../../', import.meta.url)), stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode) => reject(new Error(`the SMTP sink exited with ${exitCode}`)));
    child.once('message', (message: { port: number }) => resolve(message.port));
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    counts: () =>
      new Promise((resolve) => {
        child.once('message', resolve);
        child.send('counts');
      }),
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill();
      await exited;
    },
  };
}
