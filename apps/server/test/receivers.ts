import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server on 127.0.0.1 that keeps what it receives; it can refuse (5xx) or go away and come back. */
export interface MailCatcher {
  url: string;
  port: number;
  messages: ParsedMail[];
  /** Answer every mail with this SMTP error (e.g. 554) instead of taking it; null takes mails again. */
  refuseWith(code: number | null): void;
  /** Stops listening (the server is down) until `restart`. */
  stop(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startMailCatcher(): Promise<MailCatcher> {
  const messages: ParsedMail[] = [];
  let refusal: number | null = null;
  let port = 0;
  const create = () =>
    new SMTPServer({
      secure: false,
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, _session, callback) {
        if (refusal !== null) {
          stream.resume();
          stream.on('end', () => callback(Object.assign(new Error('Mailbox unavailable for recipient'), { responseCode: refusal })));
          return;
        }
        simpleParser(stream)
          .then((mail) => {
            messages.push(mail);
            callback();
          })
          .catch(callback);
      },
    });
  let server = create();
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        port = (server.server.address() as AddressInfo).port;
        resolve();
      });
    });
  await listen();
  const close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return {
    get url() {
      return `smtp://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    messages,
    refuseWith(code) {
      refusal = code;
    },
    stop: close,
    async restart() {
      server = create();
      await listen();
    },
    close,
  };
}

/** A delivery as the receiver got it, with whether its signature checked out. */
export interface ReceivedDelivery {
  headers: IncomingHttpHeaders;
  body: string;
  json: { id: string; event: string; [key: string]: unknown };
  signatureValid: boolean;
}

/** A real HTTP server on 127.0.0.1 receiving webhooks; answers 200 unless told otherwise. */
export interface WebhookReceiver {
  url: string;
  host: string;
  received: ReceivedDelivery[];
  /** The signing secret to check signatures with (from the endpoint's registration). */
  secret: string;
  /** What to answer: a status code for every request, or a function deciding per request. */
  answer: number | ((delivery: ReceivedDelivery) => number);
  close(): Promise<void>;
}

export async function startWebhookReceiver(path = '/hooks/amtsweg'): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = {
    url: '',
    host: '',
    received: [],
    secret: '',
    answer: 200,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const timestamp = String(request.headers['amtsweg-timestamp'] ?? '');
      const expected = `v1=${createHmac('sha256', receiver.secret).update(`${timestamp}.${body}`).digest('hex')}`;
      const given = String(request.headers['amtsweg-signature'] ?? '');
      const signatureValid = given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
      const delivery = { headers: request.headers, body, json: JSON.parse(body) as ReceivedDelivery['json'], signatureValid };
      receiver.received.push(delivery);
      const status = typeof receiver.answer === 'function' ? receiver.answer(delivery) : receiver.answer;
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'nope');
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  receiver.url = `http://127.0.0.1:${port}${path}`;
  receiver.host = `127.0.0.1:${port}`;
  return receiver;
}

/** Waits until `check` passes (it throws while not), polling; gives up after `timeoutMs` with the last failure. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
}
