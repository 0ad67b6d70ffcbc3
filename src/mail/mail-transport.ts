import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import type { SendMailOptions, Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';

/** How a send ended: accepted by the SMTP server, or written to DATA_DIR/mail (its path under it). */
export type Delivered = { via: 'smtp' } | { via: 'file'; file: string };

/**
 * The one way an email leaves: nodemailer over SMTP_URL (pooled connections; STARTTLS whenever the server offers
 * it; the credentials in the URL), or, without SMTP_URL, the same RFC 5322 message written as an .eml file that
 * the workspace admin can read. Nothing is dropped silently either way.
 */
@Injectable()
export class MailTransport implements OnApplicationShutdown {
  private readonly logger = new Logger(MailTransport.name);
  private readonly transporter: Transporter;
  readonly smtp: boolean;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const { smtpUrl, smtpCaFile, sendConcurrency, from } = config.mail;
    this.smtp = smtpUrl !== undefined;
    this.transporter = smtpUrl
      ? createTransport(
          {
            url: smtpUrl,
            pool: true,
            maxConnections: sendConcurrency,
            // A relay that stops answering fails the try (retried later) instead of holding a worker for minutes.
            connectionTimeout: 15_000,
            greetingTimeout: 15_000,
            socketTimeout: 60_000,
            tls: smtpCaFile ? { ca: readFileSync(smtpCaFile) } : undefined,
          },
          { from },
        )
      : createTransport({ streamTransport: true, buffer: true, newline: 'unix' }, { from });
  }

  /** Sends one message; resolves once the SMTP server accepted it (250) or the file is on disk. */
  async send(id: string, message: SendMailOptions): Promise<Delivered> {
    const info = (await this.transporter.sendMail(message)) as { message?: Buffer };
    if (this.smtp) return { via: 'smtp' };
    const day = new Date().toISOString().slice(0, 10);
    const folder = join(this.config.mail.outboxDir, day);
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const file = join(day, `${id}.eml`);
    writeDurably(join(this.config.mail.outboxDir, file), info.message ?? Buffer.alloc(0));
    return { via: 'file', file };
  }

  /** The .eml file of an email that was written instead of sent. */
  read(file: string): Buffer {
    return readFileSync(join(this.config.mail.outboxDir, file));
  }

  onApplicationShutdown(): void {
    this.transporter.close();
    this.logger.debug('Mail transport closed');
  }
}

/** Flushed before it is renamed into place: an email counted as written survives a power cut. */
function writeDurably(path: string, content: Buffer): void {
  const staging = `${path}.tmp`;
  const fd = openSync(staging, 'w', 0o600);
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(staging, path);
}
