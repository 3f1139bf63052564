import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { MailConfig } from '../config';

/** One e-mail, plain text. Its id becomes the Message-ID, so a mail sent again after a crash is recognisably the same. */
export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  language: string;
}

export interface Mailer {
  /** Where mails go, for the start-up log line: `smtp://host:port` (no credentials) or the folder. */
  readonly target: string;
  /** Sends one mail; rejects when the server refuses it or cannot be reached (the job is retried). */
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

// Bounded in time: a mail server that stops answering must not hold a worker (the job is retried later).
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * E-mail through nodemailer: over SMTP when `SMTP_URL` is set, otherwise each mail is written as an `.eml` file
 * into the mail folder, so a newcomer on the embedded start can open what Amtsweg sent.
 *
 * @example
 * const mailer = createMailer({ smtpUrl: 'smtp://127.0.0.1:2525', from: 'Stadt <noreply@stadt.example>', mailDir: '/tmp/mail' }, 'https://amtsweg.stadt.example');
 * await mailer.send({ id: job.id, to: 'erika@example.org', subject: 'Ihr Antrag', text: '…', language: 'de' });
 */
export function createMailer(config: MailConfig, publicUrl: string): Mailer {
  const domain = new URL(publicUrl).hostname || 'amtsweg.localhost';
  const message = (mail: OutgoingMail) => ({
    from: config.from,
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    messageId: `<${mail.id}@${domain}>`,
    headers: { 'Content-Language': mail.language, 'Auto-Submitted': 'auto-generated' },
  });

  if (config.smtpUrl) {
    const url = new URL(config.smtpUrl);
    const transport = nodemailer.createTransport({ url: config.smtpUrl, ...SMTP_TIMEOUTS });
    return {
      target: `${url.protocol}//${url.host}`,
      async send(mail) {
        await transport.sendMail(message(mail));
      },
      close: () => transport.close(),
    };
  }

  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  let folderReady: Promise<unknown> | undefined;
  return {
    target: config.mailDir,
    async send(mail) {
      folderReady ??= mkdir(config.mailDir, { recursive: true });
      await folderReady;
      const info = await transport.sendMail(message(mail));
      // Written under a temporary name and renamed, so a reader never sees half a mail.
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.id}.eml`;
      const temporary = join(config.mailDir, `.${name}.tmp`);
      await writeFile(temporary, info.message as Buffer);
      await rename(temporary, join(config.mailDir, name));
    },
    close: () => transport.close(),
  };
}
