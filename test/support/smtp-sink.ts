import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ParsedMail, simpleParser } from 'mailparser';
import { generate } from 'selfsigned';
import { SMTPServer, SMTPServerSession } from 'smtp-server';

export const SMTP_USER = 'tansiq';
export const SMTP_PASSWORD = 'relay-password-2026';

/** One message as the SMTP server received it over the wire. */
export interface ReceivedMail {
  from: string;
  to: string[];
  raw: string;
  parsed: ParsedMail;
  /** Whether the session was upgraded with STARTTLS and authenticated before this message. */
  secure: boolean;
  user: string | undefined;
}

/** What the server answers to the DATA of a message to `address`: 451 (try later) or 550 (never). */
export type Refusal = { address: string; code: 451 | 550; times: number };

/**
 * A real SMTP server (smtp-server, from the nodemailer project) for the tests: STARTTLS with a certificate of its
 * own CA (written for the app's SMTP_CA_FILE), AUTH PLAIN/LOGIN required, every accepted message parsed and kept.
 * `onData` lets a test act at the moment a message arrives (kill the sending node before it hears 250).
 */
export class SmtpSink {
  readonly received: ReceivedMail[] = [];
  /** The emails carrying an address-confirmation link, not in `received`. */
  readonly confirmations: ReceivedMail[] = [];
  readonly refusals: Refusal[] = [];
  onData?: (mail: ReceivedMail) => Promise<'accept' | 'drop'> | 'accept' | 'drop';
  private server!: SMTPServer;
  private folder = mkdtempSync(join(tmpdir(), 'smtp-sink-'));
  port = 0;

  get caFile(): string {
    return join(this.folder, 'ca.pem');
  }

  /** smtp://user:password@127.0.0.1:port — STARTTLS is negotiated because the server offers it. */
  get url(): string {
    return `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    // A certificate of its own, made here (no openssl needed): the app trusts it through SMTP_CA_FILE only.
    const certificate = await generate([{ name: 'commonName', value: '127.0.0.1' }], {
      keyType: 'ec',
      curve: 'P-256',
      notAfterDate: new Date(Date.now() + 2 * 86_400_000),
      extensions: [
        {
          name: 'subjectAltName',
          altNames: [
            { type: 7, ip: '127.0.0.1' },
            { type: 2, value: 'localhost' },
          ],
        },
      ],
    });
    writeFileSync(this.caFile, certificate.cert);
    this.server = new SMTPServer({
      key: certificate.private,
      cert: certificate.cert,
      authMethods: ['PLAIN', 'LOGIN'],
      // Credentials only over TLS, as a real relay does: the client must STARTTLS first.
      allowInsecureAuth: false,
      logger: false,
      onAuth: (auth, _session, callback) => {
        if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) return callback(null, { user: SMTP_USER });
        return callback(new Error('Invalid username or password'));
      },
      onData: (stream, session, callback) => {
        void this.receive(stream, session).then(
          (error) => callback(error ?? null),
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  private async receive(stream: NodeJS.ReadableStream, session: SMTPServerSession): Promise<Error | null> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
    const refusal = this.refusals.find((r) => r.times > 0 && to.includes(r.address));
    if (refusal) {
      refusal.times -= 1;
      const error = new Error(refusal.code === 451 ? 'Try again later' : 'Mailbox unavailable') as Error & {
        responseCode: number;
      };
      error.responseCode = refusal.code;
      return error;
    }
    const mail: ReceivedMail = {
      from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
      to,
      raw,
      parsed: await simpleParser(raw),
      secure: session.secure,
      user: session.user as string | undefined,
    };
    // Confirmation links are kept apart: tests count what the product says about groups and accounts without
    // counting the link every newly registered address is sent first.
    if (/\/verify-email\//.test(mail.parsed.text ?? '')) {
      this.confirmations.push(mail);
      return null;
    }
    if ((await this.onData?.(mail)) === 'drop') return new Error('dropped');
    this.received.push(mail);
    return null;
  }

  /** Messages to one address (confirmation links aside). */
  to(address: string): ReceivedMail[] {
    return this.received.filter((mail) => mail.to.includes(address.toLowerCase()));
  }

  /** The confirmation-link emails to one address. */
  confirmationsTo(address: string): ReceivedMail[] {
    return this.confirmations.filter((mail) => mail.to.includes(address.toLowerCase()));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.folder, { recursive: true, force: true });
  }
}
