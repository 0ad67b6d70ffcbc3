import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, createAdminPassword, loadConfig, SECRET_VARIABLES } from './app-config';

const base = { JWT_SECRET: 'x'.repeat(40), DATA_DIR: join(tmpdir(), 'tansiq-config-spec') };

function errorFor(env: Record<string, string>): ConfigError {
  try {
    loadConfig({ ...base, ...env });
  } catch (error) {
    return error as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('runs on embedded defaults with nothing set', () => {
    const config = loadConfig(base);
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBeUndefined();
    expect(config.redisUrl).toBeUndefined();
    expect(config.seedDemo).toBe(true);
    expect(config.corsOrigins).toEqual(['http://localhost:3000', 'http://127.0.0.1:3000']);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'http://localhost' }, 'REDIS_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ CORS_ORIGINS: 'https://ok.org,https://bad.org/path' }, 'CORS_ORIGINS'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ SEED_DEMO: 'yes' }, 'SEED_DEMO'],
    [{ REDIS_PREFIX: 'has space' }, 'REDIS_PREFIX'],
    [{ SOCKET_AUTH_GRACE: '0' }, 'SOCKET_AUTH_GRACE'],
    [{ SOCKET_EVENT_RATE_LIMIT: 'many' }, 'SOCKET_EVENT_RATE_LIMIT'],
    [{ MAX_SOCKETS_PER_USER: '0' }, 'MAX_SOCKETS_PER_USER'],
    [{ COOKIE_SECURE: 'yes' }, 'COOKIE_SECURE'],
  ])('stops on %j naming %s', (env, variable) => {
    const error = errorFor(env);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}: `)).toBe(true);
  });

  it('limits sockets by default: 600 events a minute, 20 sockets per user, 30 s past token expiry', () => {
    const config = loadConfig(base);
    expect(config.socketEventRateLimitPerMinute).toBe(600);
    expect(config.maxSocketsPerUser).toBe(20);
    expect(config.jwt.socketGraceSeconds).toBe(30);
  });

  it('takes 25 MiB uploads, a 2 GiB quota per group and 5-minute file links by default, and refuses nonsense', () => {
    expect(loadConfig(base).attachments).toEqual({ maxUploadMb: 25, groupQuotaMb: 2048, linkSeconds: 300 });
    expect(loadConfig({ ...base, MAX_UPLOAD_MB: '100', FILE_LINK_SECONDS: '60' }).attachments).toMatchObject({
      maxUploadMb: 100,
      linkSeconds: 60,
    });
    expect(errorFor({ MAX_UPLOAD_MB: '0' }).variable).toBe('MAX_UPLOAD_MB');
    expect(errorFor({ GROUP_QUOTA_MB: '1.5' }).variable).toBe('GROUP_QUOTA_MB');
    expect(errorFor({ FILE_LINK_SECONDS: '-1' }).variable).toBe('FILE_LINK_SECONDS');
  });

  it('trusts no proxy unless TRUST_PROXY names one', () => {
    expect(loadConfig(base).trustProxy).toBe(false);
    expect(loadConfig({ ...base, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ ...base, TRUST_PROXY: 'loopback, 10.0.0.0/8' }).trustProxy).toBe('loopback, 10.0.0.0/8');
    expect(errorFor({ TRUST_PROXY: 'x; y' }).variable).toBe('TRUST_PROXY');
  });

  it('keeps registration open on a developer machine and invite-only in production unless set', () => {
    expect(loadConfig(base).registration).toEqual({ mode: 'open', domains: [] });
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).registration.mode).toBe('invite-only');
    expect(loadConfig({ ...base, NODE_ENV: 'production', REGISTRATION: 'open' }).registration.mode).toBe('open');
    const domains = loadConfig({ ...base, REGISTRATION: 'domains', REGISTRATION_DOMAINS: ' IOM.int, @mofa.gov.iq ' });
    expect(domains.registration).toEqual({ mode: 'domains', domains: ['iom.int', 'mofa.gov.iq'] });
    expect(errorFor({ REGISTRATION: 'closed' }).message).toContain('REGISTRATION');
    expect(errorFor({ REGISTRATION: 'domains' }).message).toContain('REGISTRATION_DOMAINS');
    expect(errorFor({ REGISTRATION: 'domains', REGISTRATION_DOMAINS: 'not a domain' }).message).toContain(
      'REGISTRATION_DOMAINS',
    );
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATA_DIR: base.DATA_DIR })).toThrow('JWT_SECRET: is required');
  });

  it('parses a list of CORS origins and a PostgreSQL URL', () => {
    const config = loadConfig({
      ...base,
      CORS_ORIGINS: 'https://a.org, https://b.org',
      DATABASE_URL: 'postgres://u@h/db',
    });
    expect(config.corsOrigins).toEqual(['https://a.org', 'https://b.org']);
    expect(config.databaseUrl).toBe('postgres://u@h/db');
    expect(config.seedDemo).toBe(false);
  });

  it('generates the signing secret once, readable by its owner only, in a private DATA_DIR', () => {
    const parent = mkdtempSync(join(tmpdir(), 'tansiq-config-'));
    const dataDir = join(parent, 'data');
    try {
      const first = loadConfig({ DATA_DIR: dataDir }).jwt.secret;
      expect(loadConfig({ DATA_DIR: dataDir }).jwt.secret).toBe(first);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});

describe('S3_URL', () => {
  it('keeps attachments in PostgreSQL when unset', () => {
    expect(loadConfig(base).s3).toBeUndefined();
  });

  it('reads key, percent-encoded secret, endpoint, bucket and region from one URL', () => {
    const config = loadConfig({
      ...base,
      S3_URL: 's3://AKIA1:se%2Fcr%2Bet@minio.internal:9000/files?region=eu-west-3',
    });
    expect(config.s3).toEqual({
      endpoint: 'https://minio.internal:9000',
      region: 'eu-west-3',
      bucket: 'files',
      accessKeyId: 'AKIA1',
      secretAccessKey: 'se/cr+et',
    });
  });

  it('speaks plain http only with tls=false and defaults the region to us-east-1', () => {
    const s3 = loadConfig({ ...base, S3_URL: 's3://k:s@127.0.0.1:4568/bucket-1?tls=false' }).s3;
    expect(s3?.endpoint).toBe('http://127.0.0.1:4568');
    expect(s3?.region).toBe('us-east-1');
  });

  it.each([
    'https://k:s@host/bucket',
    's3://host:9000/bucket',
    's3://k:s@host:9000/',
    's3://k:s@host:9000/a/b',
    's3://k:s@host:9000/Bucket',
    's3://k:s@host:9000/bucket?tls=no',
    's3://k:s@host:9000/bucket?region=EU%20West',
    's3://k:s@host:9000/bucket?sslmode=on',
    's3://k:%E0%A4%A@host:9000/bucket',
  ])('stops on %s, naming S3_URL and never echoing the secret', (value) => {
    const error = errorFor({ S3_URL: value });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.variable).toBe('S3_URL');
    expect(error.message).not.toContain(':s@');
    expect(error.message).not.toContain('%E0');
  });
});

describe('secrets from files (X_FILE)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tansiq-secret-files-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const secretFile = (name: string, content: string) => {
    const file = join(dir, name);
    writeFileSync(file, content);
    return file;
  };
  const { JWT_SECRET: _jwt, ...withoutSecret } = base;

  it('reads each secret from the file its _FILE names, one trailing newline trimmed', () => {
    const jwt = 's'.repeat(40);
    const config = loadConfig({
      ...withoutSecret,
      NODE_ENV: 'production',
      JWT_SECRET_FILE: secretFile('jwt', `${jwt}\n`),
      DATABASE_URL_FILE: secretFile('db', 'postgres://tansiq:p%40ss@db:5432/tansiq\r\n'),
      REDIS_URL_FILE: secretFile('redis', 'redis://:pw@redis:6379\n'),
      SMTP_URL_FILE: secretFile('smtp', 'smtp://user:pw@mail:587'),
      S3_URL_FILE: secretFile('s3', 's3://AKIA1:secret@minio:9000/files\n'),
      METRICS_TOKEN_FILE: secretFile('metrics', 'm'.repeat(20) + '\n'),
    });
    expect(config.jwt.secret).toBe(jwt);
    expect(config.databaseUrl).toBe('postgres://tansiq:p%40ss@db:5432/tansiq');
    expect(config.redisUrl).toBe('redis://:pw@redis:6379');
    expect(config.mail.smtpUrl).toBe('smtp://user:pw@mail:587');
    expect(config.s3?.secretAccessKey).toBe('secret');
    expect(config.metrics.token).toBe('m'.repeat(20));
    expect(createAdminPassword({ ADMIN_PASSWORD_FILE: secretFile('admin', 'amber quarry lantern\n') })).toBe(
      'amber quarry lantern',
    );
  });

  it('validates a value read from a file as it validates the variable', () => {
    const error = errorFor({ ...withoutSecret, JWT_SECRET: '', JWT_SECRET_FILE: secretFile('short', 'short\n') });
    expect(error.variable).toBe('JWT_SECRET');
  });

  it.each(SECRET_VARIABLES)('stops when both %s and its _FILE are set, naming both', (name) => {
    const error = errorFor({ [name]: 'value', [`${name}_FILE`]: secretFile(`both-${name}`, 'value') });
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.variable).toBe(`${name} and ${name}_FILE`);
    expect(error.message).not.toContain('value"');
  });

  it('stops on a _FILE that cannot be read, naming the variable and never echoing a secret', () => {
    const missing = errorFor({ DATABASE_URL_FILE: join(dir, 'missing') });
    expect(missing.variable).toBe('DATABASE_URL_FILE');
    expect(missing.message).toContain('ENOENT');
    const folder = errorFor({ REDIS_URL_FILE: dir });
    expect(folder.variable).toBe('REDIS_URL_FILE');
    if (process.getuid?.() !== 0) {
      const locked = secretFile('locked', 'redis://:pw@redis:6379');
      chmodSync(locked, 0o000);
      const unreadable = errorFor({ REDIS_URL_FILE: locked });
      expect(unreadable.message).toContain('EACCES');
      expect(unreadable.message).not.toContain(':pw@');
    }
  });
});
