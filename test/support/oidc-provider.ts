import { generateKeyPairSync } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import Provider, { Adapter, AdapterPayload, JWK } from 'oidc-provider';

export const OIDC_CLIENT_ID = 'tansiq';
export const OIDC_CLIENT_SECRET = 'oidc-client-secret-for-the-tests-2026';
/** A second application registered at the same provider, with the same redirect URI: codes for it are not ours. */
export const OTHER_CLIENT_ID = 'another-app';

/** A person at the provider: the claims its ID token carries. */
export interface OidcAccount {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

/** What the person does at the provider's login screen: sign in as an account, or cancel. */
type Login = { account: OidcAccount } | { deny: string };

/**
 * A real OpenID Provider for the tests: panva's oidc-provider (the reference implementation, OpenID certified) on a
 * port of its own, over http (the app runs with SSO_ALLOW_HTTP). Authorization code flow with PKCE required; the
 * login screen is a handler that signs in whoever `loginAs()` named, as a person typing their password would, and
 * consent is given for first-party clients. `authorize()` plays the browser: it follows the provider's redirects
 * with its own cookie jar up to the redirect URI, and answers that URL (with the code, state and iss).
 */
export class OidcTestProvider {
  issuer = '';
  private server: Server;
  private provider!: Provider;
  private next: Login = { deny: 'login_required' };

  constructor(private readonly redirectUri: string) {
    this.server = createServer();
  }

  static async start(redirectUri: string): Promise<OidcTestProvider> {
    const provider = new OidcTestProvider(redirectUri);
    await provider.listen();
    return provider;
  }

  /** The account the next login screen signs in (each authorize() is a browser without a session there). */
  loginAs(account: OidcAccount): void {
    this.next = { account };
  }

  /** The next login screen is cancelled: the provider sends `error` to the redirect URI. */
  denyNext(error = 'access_denied'): void {
    this.next = { deny: error };
  }

  /** Follows the provider's redirects from an authorization request to the redirect URI; answers that URL. */
  async authorize(authorizationUrl: string | URL): Promise<URL> {
    const jar = new Map<string, string>();
    let url = new URL(authorizationUrl);
    for (let hop = 0; hop < 10; hop++) {
      if (url.href.startsWith(this.redirectUri)) return url;
      const res = await fetch(url, {
        redirect: 'manual',
        headers: { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') },
      });
      for (const cookie of res.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const at = pair.indexOf('=');
        jar.set(pair.slice(0, at), pair.slice(at + 1));
      }
      const location = res.headers.get('location');
      if (!location) throw new Error(`the provider answered ${res.status} without a redirect: ${await res.text()}`);
      url = new URL(location, url);
    }
    throw new Error('the provider redirected more than 10 times');
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.issuer = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    const accounts = new Map<string, OidcAccount>();
    const client = {
      redirect_uris: [this.redirectUri],
      response_types: ['code' as const],
      grant_types: ['authorization_code'],
    };
    const rows = new Map<string, AdapterPayload>();
    this.provider = new Provider(this.issuer, {
      clients: [
        { ...client, client_id: OIDC_CLIENT_ID, client_secret: OIDC_CLIENT_SECRET },
        { ...client, client_id: OTHER_CLIENT_ID, client_secret: `${OIDC_CLIENT_SECRET}-other` },
      ],
      adapter: (model: string) => new MemoryAdapter(model, rows),
      jwks: { keys: [signingKey()] },
      cookies: { keys: ['oidc-test-provider-cookie-key-0123456789'] },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
      // The claims in the ID token itself, as most providers send them (the userinfo endpoint has them too).
      conformIdTokenClaims: false,
      pkce: { required: () => true },
      features: { devInteractions: { enabled: false } },
      ttl: { AccessToken: 300, AuthorizationCode: 60, IdToken: 300, Interaction: 300, Session: 300, Grant: 300 },
      findAccount: (_ctx, sub) => {
        const account = accounts.get(sub);
        return account && { accountId: sub, claims: () => ({ ...account }) };
      },
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      // First-party clients: consent is implied once the person signed in.
      loadExistingGrant: async (ctx) => {
        const grant = new ctx.oidc.provider.Grant({
          clientId: ctx.oidc.client!.clientId,
          accountId: ctx.oidc.session!.accountId,
        });
        grant.addOIDCScope('openid email profile');
        await grant.save();
        return grant;
      },
    });
    const callback = this.provider.callback();
    this.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (!req.url?.startsWith('/interaction/')) return void callback(req, res);
      const login = this.next;
      if ('account' in login) accounts.set(login.account.sub, login.account);
      const result =
        'account' in login
          ? { login: { accountId: login.account.sub } }
          : { error: login.deny, error_description: 'The person cancelled the sign-in' };
      this.provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false }).catch(() => {
        res.statusCode = 500;
        res.end();
      });
    });
  }
}

function signingKey(): JWK {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...(privateKey.export({ format: 'jwk' }) as JWK), kid: 'test-key', use: 'sig', alg: 'RS256' };
}

/** oidc-provider's storage, in memory: each provider its own, nothing to share or keep. */
class MemoryAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly rows: Map<string, AdapterPayload>,
  ) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  upsert(id: string, payload: AdapterPayload): Promise<void> {
    this.rows.set(this.key(id), payload);
    return Promise.resolve();
  }

  find(id: string): Promise<AdapterPayload | undefined> {
    return Promise.resolve(this.rows.get(this.key(id)));
  }

  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    return Promise.resolve(this.findWhere((row) => row.uid === uid));
  }

  findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    return Promise.resolve(this.findWhere((row) => row.userCode === userCode));
  }

  private findWhere(test: (row: AdapterPayload) => boolean): AdapterPayload | undefined {
    for (const [key, row] of this.rows) if (key.startsWith(`${this.model}:`) && test(row)) return row;
    return undefined;
  }

  consume(id: string): Promise<void> {
    const row = this.rows.get(this.key(id));
    if (row) row.consumed = Math.floor(Date.now() / 1000);
    return Promise.resolve();
  }

  destroy(id: string): Promise<void> {
    this.rows.delete(this.key(id));
    return Promise.resolve();
  }

  revokeByGrantId(grantId: string): Promise<void> {
    for (const [key, row] of this.rows) if (row.grantId === grantId) this.rows.delete(key);
    return Promise.resolve();
  }
}
