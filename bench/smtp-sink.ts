/**
 * The SMTP server of the `email` benchmark, in its own process so that receiving hundreds of messages a second does
 * not delay the bench's own clock on the writes it times. smtp-server (from the nodemailer project) on 127.0.0.1, no
 * TLS, no authentication: it reads each message's header, notes when it arrived (epoch ms, the bench's clock too),
 * its Message-ID and recipients, and answers 250 after `delayMs` (a relay's pace; 0: as fast as it can).
 */
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { installBenchIpc } from './lib/ipc-server';

/** One accepted message: when it arrived (epoch ms, sub-millisecond), its Message-ID without <>, its recipients. */
export interface Arrival {
  at: number;
  messageId: string | null;
  to: string[];
}

const now = () => performance.timeOrigin + performance.now();
let delayMs = 0;
let arrivals: Arrival[] = [];
let connections = 0;
let maxConnections = 0;

/** The Message-ID header of a raw message (folded headers unfolded), without its angle brackets. */
function messageIdOf(raw: string): string | null {
  const end = raw.indexOf('\r\n\r\n');
  const head = (end < 0 ? raw : raw.slice(0, end)).replace(/\r\n[ \t]+/g, ' ');
  const match = /^message-id:\s*<?([^>\r\n]+)>?/im.exec(head);
  return match ? match[1].trim() : null;
}

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  // The product's pool keeps MAIL_SEND_CONCURRENCY connections open; room for a second node's pool too.
  maxClients: 256,
  onConnect: (_session, callback) => {
    connections += 1;
    maxConnections = Math.max(maxConnections, connections);
    callback();
  },
  onClose: () => {
    connections -= 1;
  },
  onData: (stream, session, callback) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const accept = () => {
        // Counted when the server says 250: that is when the product records the email as sent.
        arrivals.push({ at: now(), messageId: messageIdOf(raw), to: session.envelope.rcptTo.map((r) => r.address) });
        callback(null);
      };
      if (delayMs > 0) setTimeout(accept, delayMs);
      else accept();
    });
  },
});

const listening = new Promise<number>((resolve) =>
  server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port)),
);

installBenchIpc({
  /** Answers once listening: the port to put in SMTP_URL. */
  ready: async () => ({ port: await listening }),
  /** Sets the per-message delay (ms) before 250. */
  configure: (msg) => {
    delayMs = Number(msg.delayMs ?? 0);
    return { delayMs };
  },
  /** How many arrived so far (cheap: for progress). */
  count: () => ({ count: arrivals.length, connections, maxConnections }),
  /** Every arrival since the last take, and a fresh list from now. */
  take: () => {
    const taken = arrivals;
    arrivals = [];
    return { arrivals: taken, maxConnections };
  },
});
