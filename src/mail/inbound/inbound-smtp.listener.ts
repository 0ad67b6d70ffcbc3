import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { AddressObject, simpleParser } from 'mailparser';
import { SMTPServer, SMTPServerAddress, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { keyOfAddress } from '../reply/reply-key';
import { InboundOutcome, InboundReply } from './inbound-reply';
import { InboundReplyService } from './inbound-reply.service';

/** A reply is a few kilobytes of text; a megabyte leaves room for HTML and a quoted thread, not for attachments. */
export const INBOUND_SIZE_LIMIT = 1024 * 1024;

/** An error that smtp-server sends as the response to the command. */
function smtpError(code: number, response: string): Error & { responseCode: number } {
  return Object.assign(new Error(response), { responseCode: code });
}

/**
 * The inbound SMTP listener for replies by email (when INBOUND_SMTP_PORT is set): the MX of the reply domain, or a
 * relay's next hop. It offers no AUTH (anyone on the internet may deliver, the reply key is the credential) and no
 * STARTTLS (no certificate is configured: TLS belongs to the relay in front of it). Only reply addresses are
 * accepted as recipients, one per message; the rest is decided after DATA by InboundReplyService.
 */
@Injectable()
export class InboundSmtpListener implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(InboundSmtpListener.name);
  private server: SMTPServer | null = null;

  constructor(
    private readonly replies: InboundReplyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The port it listens on (the one chosen when configured as 0), or null when off. */
  port(): number | null {
    const address = this.server?.server.address() as AddressInfo | null | undefined;
    return address ? address.port : null;
  }

  async onModuleInit(): Promise<void> {
    const { inboundPort, inboundHost, replyDomain } = this.config.mail;
    if (inboundPort === undefined) return;
    const server = new SMTPServer({
      name: replyDomain,
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: INBOUND_SIZE_LIMIT,
      maxClients: 100,
      closeTimeout: 5_000,
      logger: false,
      onRcptTo: (address, session, callback) => callback(this.checkRecipient(address, session)),
      onData: (stream, session, callback) => {
        this.handle(stream, session).then(
          (message) => callback(null, message),
          (error: Error) => callback(error),
        );
      },
    });
    server.on('error', (error) => this.logger.error(`Inbound SMTP: ${error.message}`));
    await new Promise<void>((resolve, reject) => {
      server.server.once('error', reject);
      server.listen(inboundPort, inboundHost, () => {
        server.server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log(`Inbound SMTP listening on ${inboundHost}:${this.port()} for reply+…@${replyDomain}`);
  }

  /** Before the database closes: replies being received finish (or are cut off after closeTimeout). */
  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private checkRecipient(address: SMTPServerAddress, session: SMTPServerSession): Error | undefined {
    if (!keyOfAddress(address.address, this.config.mail.replyDomain)) {
      return smtpError(550, '5.1.1 No such recipient here');
    }
    // One thread per message: the sending server delivers to the next reply address in a separate transaction.
    if (session.envelope.rcptTo.length > 0) return smtpError(452, '4.5.3 One reply address per message');
    return undefined;
  }

  /** Reads, parses and hands on one message; the answer to DATA is the outcome's. */
  private async handle(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string> {
    const raw = await readAtMost(stream, INBOUND_SIZE_LIMIT);
    if (stream.sizeExceeded || raw === null) throw smtpError(552, '5.3.4 Message too big for a reply');
    let outcome: InboundOutcome;
    try {
      outcome = await this.replies.receive(await this.toReply(raw, session));
    } catch (error) {
      this.logger.error(`Inbound reply failed: ${(error as Error).message}`);
      throw smtpError(451, '4.3.0 Temporary failure: try again later');
    }
    if (outcome.kind === 'refused') throw smtpError(outcome.code, outcome.response);
    return outcome.kind === 'posted' ? '2.0.0 Reply posted' : '2.0.0 Accepted';
  }

  private async toReply(raw: Buffer, session: SMTPServerSession): Promise<InboundReply> {
    const parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
    const messageId = parsed.messageId?.trim();
    return {
      key: keyOfAddress(session.envelope.rcptTo[0].address, this.config.mail.replyDomain)!,
      // Without a Message-ID, a retried delivery is recognised by its bytes, which a retry does not change.
      messageIdHash: createHash('sha256')
        .update(messageId || raw)
        .digest('hex'),
      from: addresses(parsed.from),
      headers: parsed.headerLines,
      text: parsed.text ?? '',
    };
  }
}

/** The stream's bytes, or null past `limit` (still read to its end, as the SMTP session requires). */
async function readAtMost(stream: Readable, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  }
  return size <= limit ? Buffer.concat(chunks) : null;
}

function addresses(from: AddressObject | AddressObject[] | undefined): string[] {
  const objects = from === undefined ? [] : Array.isArray(from) ? from : [from];
  return objects.flatMap((o) => o.value.flatMap((a) => (a.address ? [a.address] : [])));
}
