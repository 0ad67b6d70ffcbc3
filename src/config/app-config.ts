import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** The whole runtime configuration, read once at start-up. Nothing else reads process.env. */
export interface AppConfig {
  nodeEnv: string;
  port: number;
  /** PostgreSQL connection string; absent means the embedded PostgreSQL in dataDir (openDatabase() fills it in). */
  databaseUrl?: string;
  /** True once openDatabase() has started the embedded PostgreSQL: DATA_DIR's disk is then ours to watch. */
  embeddedDatabase: boolean;
  dataDir: string;
  redisUrl?: string;
  /** Prefix of every Redis key and channel, so deployments (or test runs) can share one Redis. */
  redisPrefix: string;
  jwt: {
    secret: string;
    issuer: string;
    audience: string;
    accessTtlSeconds: number;
    refreshTtlSeconds: number;
    /**
     * Seconds a socket stays open after its access token expired, for the client to send `auth.refresh` with a
     * fresh one; then it is disconnected.
     */
    socketGraceSeconds: number;
  };
  corsOrigins: string[];
  logLevel: LogLevel;
  /** Requests per minute per client address on login and register. */
  authRateLimitPerMinute: number;
  /** Socket writes (messages, reactions, ...) per minute per user, across all nodes. */
  writeRateLimitPerMinute: number;
  twoFactor: {
    /** Wrong codes in a row that lock an account's second factor, and for how long. */
    maxFailures: number;
    lockMinutes: number;
    /** Second-step sign-in attempts per client address per 15 minutes, whatever the account. */
    attemptsPerAddress: number;
  };
  /** Socket events of any kind (sync, presence.get, typing, sends, ...) per minute per user, across sockets and nodes. */
  socketEventRateLimitPerMinute: number;
  /** Open sockets per user, across nodes; one more is refused at the handshake. */
  maxSocketsPerUser: number;
  /** The most people one message may mention; more is a 400. */
  maxMentions: number;
  /** Days the change feed keeps events for catch-up. */
  eventRetentionDays: number;
  /** Seed the demo workspace when the embedded database is empty. */
  seedDemo: boolean;
  bodyLimit: string;
  /** The refresh cookie's Secure flag: `auto` sets it when the request is HTTPS (as Express sees it). */
  refreshCookieSecure: 'auto' | boolean;
  /**
   * Express `trust proxy`: which hops' X-Forwarded-For to believe (client address for rate limits). `false` (the
   * default) believes none: any client could write the header, including one on the same machine.
   */
  trustProxy: string | number | false;
  /** Where people reach the client: every link in an email starts here. */
  publicUrl: string;
  mail: MailConfig;
  /** Seconds between a job worker's polls of the queue when idle (the queue lives in PostgreSQL). */
  jobPollSeconds: number;
  registration: RegistrationPolicy;
  /**
   * Whether identity providers may be reached over plain http (an OpenID Provider on a developer's machine or in the
   * tests). Never in production: the ID token's signing keys and the code exchange travel on that connection.
   */
  ssoAllowInsecureHttp: boolean;
  /**
   * Prometheus metrics. `/metrics` on the app's port answers only a bearer `token`; a `port` serves them without one
   * on a listener of their own (for an internal network), bound to `host`. Neither: no metrics are served.
   */
  metrics: { token?: string; port?: number; host: string };
  attachments: AttachmentsConfig;
  /** Where attachment bytes go when set (S3_URL); absent: PostgreSQL keeps them. */
  s3?: S3Config;
}

/** An S3-compatible object store (AWS S3, MinIO, Ceph, ...), addressed path-style: bucket in the path, not the host. */
export interface S3Config {
  /** `https://host:port`, or `http://` with `tls=false` (a store on the same private network, the tests' own). */
  endpoint: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  /** Never logged, never put in an error message. */
  secretAccessKey: string;
}

/** Files on messages, proposals and action items. */
export interface AttachmentsConfig {
  /** The largest file one upload may carry, in MiB (MAX_UPLOAD_MB): more is a 413, refused while it streams. */
  maxUploadMb: number;
  /** What one working group's files may take in all, in MiB (GROUP_QUOTA_MB). */
  groupQuotaMb: number;
  /** Seconds a signed download link works (FILE_LINK_SECONDS). */
  linkSeconds: number;
}

/** Outgoing and incoming email. */
export interface MailConfig {
  /** smtp:// (STARTTLS when offered) or smtps:// with user:password@ for auth; absent: every email is a file. */
  smtpUrl?: string;
  /** A PEM file of extra certificate authorities to trust for SMTP (a private relay's own CA). */
  smtpCaFile?: string;
  /** The From of every email. */
  from: string;
  /** Where emails are written when SMTP is not configured: DATA_DIR/mail. */
  outboxDir: string;
  /** The inbound SMTP listener for replies by email: off unless a port is given. */
  inboundPort?: number;
  inboundHost: string;
  /** The domain of reply addresses (reply+key@domain): its MX must reach the inbound listener. */
  replyDomain: string;
  /** Emails one node sends at once (SMTP connections in its pool). */
  sendConcurrency: number;
  /** Seconds before the first retry of an email the SMTP server deferred (4xx); doubles each try, up to 3 hours. */
  retryDelaySeconds: number;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, 'is not a valid URL');
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must start with ${protocols.map((p) => `${p}//`).join(' or ')}`);
  }
  return raw;
}

function origins(env: Env, port: number): string[] {
  const raw = env.CORS_ORIGINS;
  if (raw === undefined || raw.trim() === '') return [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
  return raw.split(',').map((item) => {
    const origin = item.trim();
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new ConfigError('CORS_ORIGINS', `"${origin}" is not an origin like https://example.org`);
    }
    if (parsed.origin !== origin) {
      throw new ConfigError('CORS_ORIGINS', `"${origin}" is not an origin like https://example.org (no path or slash)`);
    }
    return origin;
  });
}

/**
 * Written to a side file, flushed, then renamed into place and the folder flushed: a power cut leaves either no
 * secret or the whole one, never an empty file, and a secret that sessions were signed with is never lost.
 */
function writeDurably(file: string, text: string): void {
  const staging = `${file}.${process.pid}.tmp`;
  const fd = openSync(staging, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(staging, file);
  const folder = openSync(dirname(file), 'r');
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
}

/**
 * Without JWT_SECRET outside production, a secret is generated once and kept in the data directory,
 * so tokens survive restarts of the embedded workspace without any setup.
 */
function jwtSecret(env: Env, production: boolean, dataDir: string): string {
  const raw = env.JWT_SECRET;
  if (raw !== undefined && raw !== '') {
    if (raw.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
    return raw;
  }
  if (production) throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production');
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  writeDurably(file, secret);
  return secret;
}

function trustProxy(env: Env): string | number | false {
  const raw = env.TRUST_PROXY;
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (/^\d+$/.test(raw)) return Number(raw);
  if (!/^[A-Za-z0-9.:/, ]+$/.test(raw)) {
    throw new ConfigError('TRUST_PROXY', 'must be false, a hop count, or names/addresses like "loopback, 10.0.0.0/8"');
  }
  return raw;
}

function cookieSecure(env: Env): 'auto' | boolean {
  const raw = env.COOKIE_SECURE;
  if (raw === undefined || raw === '' || raw === 'auto') return 'auto';
  if (raw === 'true' || raw === 'false') return raw === 'true';
  throw new ConfigError('COOKIE_SECURE', `must be auto, true or false, got "${raw}"`);
}

function publicUrl(env: Env, port: number): string {
  const raw = url(env, 'PUBLIC_URL', ['http:', 'https:']);
  if (raw === undefined) return `http://localhost:${port}`;
  const parsed = new URL(raw);
  if (parsed.search || parsed.hash) throw new ConfigError('PUBLIC_URL', 'must have no query or fragment');
  return raw.replace(/\/+$/, '');
}

function mailbox(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  // A display name and an address in angle brackets, or a bare address: nodemailer parses both.
  if (!/^([^<>\r\n]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/.test(raw.trim())) {
    throw new ConfigError(name, 'must look like "Tansiq <tansiq@example.org>" or tansiq@example.org');
  }
  return raw.trim();
}

function domain(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(raw)) {
    throw new ConfigError(name, `must be a domain name like mail.example.org, got "${raw}"`);
  }
  return raw.toLowerCase();
}

function mailConfig(env: Env, dataDir: string, publicHost: string): MailConfig {
  const inbound = env.INBOUND_SMTP_PORT;
  return {
    smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
    smtpCaFile: env.SMTP_CA_FILE || undefined,
    from: mailbox(env, 'MAIL_FROM', `Tansiq <tansiq@${publicHost}>`),
    outboxDir: join(dataDir, 'mail'),
    inboundPort: inbound === undefined || inbound === '' ? undefined : integer(env, 'INBOUND_SMTP_PORT', 0, 0, 65535),
    inboundHost: env.INBOUND_SMTP_HOST || '0.0.0.0',
    replyDomain: domain(env, 'MAIL_REPLY_DOMAIN', publicHost),
    sendConcurrency: integer(env, 'MAIL_SEND_CONCURRENCY', 4, 1, 64),
    retryDelaySeconds: integer(env, 'MAIL_RETRY_DELAY', 30, 1, 3600),
  };
}

export const REGISTRATION_MODES = ['open', 'domains', 'invite-only'] as const;

/** Who may create an account: anyone, addresses of listed domains, or addresses holding a pending invitation. */
export interface RegistrationPolicy {
  mode: (typeof REGISTRATION_MODES)[number];
  /** Lower-cased domains, for `domains` (an address's part after the last @ must be one of them exactly). */
  domains: string[];
}

/** A production workspace is closed unless its operator opens it; a developer's machine is open. */
function registration(env: Env, production: boolean): RegistrationPolicy {
  const mode = (env.REGISTRATION || (production ? 'invite-only' : 'open')) as RegistrationPolicy['mode'];
  if (!REGISTRATION_MODES.includes(mode)) {
    throw new ConfigError('REGISTRATION', `must be one of ${REGISTRATION_MODES.join(', ')}, got "${env.REGISTRATION}"`);
  }
  const domains = (env.REGISTRATION_DOMAINS ?? '')
    .split(',')
    .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
    .filter(Boolean);
  for (const d of domains) {
    if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/.test(d)) {
      throw new ConfigError('REGISTRATION_DOMAINS', `"${d}" is not a domain name`);
    }
  }
  if (mode === 'domains' && domains.length === 0) {
    throw new ConfigError('REGISTRATION_DOMAINS', 'must list at least one domain when REGISTRATION=domains');
  }
  return { mode, domains };
}

function ssoAllowInsecureHttp(env: Env, production: boolean): boolean {
  const raw = env.SSO_ALLOW_HTTP;
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw !== 'true') throw new ConfigError('SSO_ALLOW_HTTP', `must be true or false, got "${raw}"`);
  if (production) throw new ConfigError('SSO_ALLOW_HTTP', 'cannot be true when NODE_ENV=production');
  return true;
}

function seconds(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || value < min || value > max) {
    throw new ConfigError(name, `must be a number of seconds between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function redisPrefix(env: Env): string {
  const raw = env.REDIS_PREFIX ?? 'tansiq:';
  if (!/^[A-Za-z0-9:_-]{1,64}$/.test(raw))
    throw new ConfigError('REDIS_PREFIX', 'may hold letters, digits, : _ - (at most 64)');
  return raw;
}

/**
 * `s3://ACCESS_KEY:SECRET@host:port/bucket?region=us-east-1&tls=false`: one variable for the whole store, the
 * credentials percent-encoded (a secret holding `/` or `+` is written `%2F`, `%2B`). Errors name the part that is
 * wrong, never echo the value: it holds the secret.
 */
function s3Config(env: Env): S3Config | undefined {
  const name = 'S3_URL';
  const raw = url(env, name, ['s3:']);
  if (raw === undefined) return undefined;
  const parsed = new URL(raw);
  const form = 'like s3://ACCESS_KEY:SECRET@host:port/bucket?region=us-east-1';
  if (!parsed.hostname) throw new ConfigError(name, `needs a host, ${form}`);
  if (!parsed.username || !parsed.password) throw new ConfigError(name, `needs the access key and secret, ${form}`);
  let accessKeyId: string;
  let secretAccessKey: string;
  try {
    accessKeyId = decodeURIComponent(parsed.username);
    secretAccessKey = decodeURIComponent(parsed.password);
  } catch {
    throw new ConfigError(name, 'has a badly percent-encoded access key or secret');
  }
  const bucket = parsed.pathname.replace(/^\//, '');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new ConfigError(name, `needs one bucket name (3-63 lower-case letters, digits, . or -) as its path, ${form}`);
  }
  if (parsed.hash) throw new ConfigError(name, 'must have no fragment');
  for (const key of parsed.searchParams.keys()) {
    if (key !== 'region' && key !== 'tls') throw new ConfigError(name, `knows only region= and tls=, not ${key}=`);
  }
  const region = parsed.searchParams.get('region') || 'us-east-1';
  if (!/^[a-z0-9-]{1,40}$/.test(region)) throw new ConfigError(name, 'has a region that is not like us-east-1');
  const tls = parsed.searchParams.get('tls') ?? 'true';
  if (tls !== 'true' && tls !== 'false') throw new ConfigError(name, 'takes tls=true or tls=false');
  const port = parsed.port ? `:${parsed.port}` : '';
  return {
    endpoint: `${tls === 'false' ? 'http' : 'https'}://${parsed.hostname}${port}`,
    region,
    bucket,
    accessKeyId,
    secretAccessKey,
  };
}

/**
 * The variables that hold secrets. Each may instead be given as `X_FILE`, naming a file whose content is the value
 * (Docker and Kubernetes secrets are files): a secret then never sits in the environment, which `docker inspect`,
 * /proc and crash reports show.
 */
export const SECRET_VARIABLES = [
  'JWT_SECRET',
  'DATABASE_URL',
  'REDIS_URL',
  'SMTP_URL',
  'S3_URL',
  'METRICS_TOKEN',
  'ADMIN_PASSWORD',
] as const;

/** `env` with every `X_FILE` of a secret read into `X` (one trailing newline trimmed, as editors and `echo` add). */
export function withSecretFiles(env: Env): Env {
  const resolved: Env = { ...env };
  for (const name of SECRET_VARIABLES) {
    const file = env[`${name}_FILE`];
    if (file === undefined || file === '') continue;
    if (env[name] !== undefined && env[name] !== '') {
      throw new ConfigError(`${name} and ${name}_FILE`, 'are both set: set one of them');
    }
    let content: string;
    try {
      content = readFileSync(file, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new ConfigError(`${name}_FILE`, `cannot read ${file} (${reason})`);
    }
    resolved[name] = content.replace(/\r?\n$/, '');
  }
  return resolved;
}

export function loadConfig(given: Env = process.env): AppConfig {
  const env = withSecretFiles(given);
  const nodeEnv = env.NODE_ENV || 'development';
  const production = nodeEnv === 'production';
  const port = integer(env, 'PORT', 3000, 0, 65535);
  const dataDir = resolve(env.DATA_DIR || './data');
  const logLevel = (env.LOG_LEVEL || 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${env.LOG_LEVEL}"`);
  }
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']);
  const seedRaw = env.SEED_DEMO;
  if (seedRaw !== undefined && seedRaw !== '' && seedRaw !== 'true' && seedRaw !== 'false') {
    throw new ConfigError('SEED_DEMO', `must be true or false, got "${seedRaw}"`);
  }
  const bodyLimit = env.BODY_LIMIT || '256kb';
  if (!/^\d+(b|kb|mb)$/i.test(bodyLimit)) throw new ConfigError('BODY_LIMIT', 'must look like 256kb or 1mb');

  return {
    nodeEnv,
    port,
    databaseUrl,
    embeddedDatabase: false,
    dataDir,
    redisUrl: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
    redisPrefix: redisPrefix(env),
    jwt: {
      secret: jwtSecret(env, production, dataDir),
      issuer: 'tansiq',
      audience: 'tansiq-api',
      accessTtlSeconds: integer(env, 'JWT_ACCESS_TTL', 900, 30, 86_400),
      refreshTtlSeconds: integer(env, 'JWT_REFRESH_TTL', 30 * 86_400, 60, 365 * 86_400),
      socketGraceSeconds: integer(env, 'SOCKET_AUTH_GRACE', 30, 1, 300),
    },
    corsOrigins: origins(env, port),
    logLevel,
    authRateLimitPerMinute: integer(env, 'AUTH_RATE_LIMIT', 10, 1, 100_000),
    writeRateLimitPerMinute: integer(env, 'WRITE_RATE_LIMIT', 200, 1, 1_000_000),
    twoFactor: {
      maxFailures: integer(env, 'TWO_FACTOR_MAX_FAILURES', 5, 1, 100),
      lockMinutes: integer(env, 'TWO_FACTOR_LOCK_MINUTES', 15, 1, 1440),
      attemptsPerAddress: integer(env, 'TWO_FACTOR_ADDRESS_LIMIT', 30, 1, 100_000),
    },
    socketEventRateLimitPerMinute: integer(env, 'SOCKET_EVENT_RATE_LIMIT', 600, 1, 10_000_000),
    maxSocketsPerUser: integer(env, 'MAX_SOCKETS_PER_USER', 20, 1, 100_000),
    maxMentions: integer(env, 'MAX_MENTIONS', 20, 1, 1000),
    eventRetentionDays: integer(env, 'EVENT_RETENTION_DAYS', 30, 1, 3650),
    seedDemo: seedRaw === undefined || seedRaw === '' ? !databaseUrl : seedRaw === 'true',
    bodyLimit,
    refreshCookieSecure: cookieSecure(env),
    trustProxy: trustProxy(env),
    publicUrl: publicUrl(env, port),
    mail: mailConfig(env, dataDir, new URL(publicUrl(env, port)).hostname),
    jobPollSeconds: seconds(env, 'JOB_POLL_SECONDS', 2, 0.5, 60),
    registration: registration(env, production),
    ssoAllowInsecureHttp: ssoAllowInsecureHttp(env, production),
    metrics: metricsConfig(env),
    s3: s3Config(env),
    attachments: {
      maxUploadMb: integer(env, 'MAX_UPLOAD_MB', 25, 1, 10_240),
      groupQuotaMb: integer(env, 'GROUP_QUOTA_MB', 2048, 1, 10_485_760),
      linkSeconds: integer(env, 'FILE_LINK_SECONDS', 300, 1, 86_400),
    },
  };
}

function metricsConfig(env: Env): AppConfig['metrics'] {
  const token = env.METRICS_TOKEN || undefined;
  if (token !== undefined && token.length < 16)
    throw new ConfigError('METRICS_TOKEN', 'must be at least 16 characters');
  return {
    token,
    port: env.METRICS_PORT ? integer(env, 'METRICS_PORT', 9464, 1, 65535) : undefined,
    host: env.METRICS_HOST || '127.0.0.1',
  };
}

/** `npm run create-admin`'s password, when given in the environment rather than on stdin (never as an argument). */
export function createAdminPassword(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return withSecretFiles(env).ADMIN_PASSWORD || undefined;
}
