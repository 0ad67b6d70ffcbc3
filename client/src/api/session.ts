import { signal } from '@preact/signals';
import type { AuthResponseDto, TokensDto, UserDto } from './server-types';

/**
 * Where the credentials live: the refresh token only in the server's HttpOnly cookie (`tansiq_refresh`, sent to
 * /api/auth only), which no script can read; the access token only in this module's memory. Nothing goes to
 * localStorage or sessionStorage, so an injected script finds no token to carry away. A reload asks for a new
 * access token with the cookie.
 */
interface AccessToken {
  accessToken: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
}

/** Earlier versions kept both tokens here; read once to move that session into the cookie, then removed. */
const LEGACY_STORAGE_KEY = 'tansiq.session';
/**
 * Only a hint, no credential: "this browser has a session cookie", so a page opened while signed out does not ask
 * the server for a refresh it is sure to refuse. Without it (storage cleared) the person signs in again.
 */
const HINT_KEY = 'tansiq.signed-in';

/** The signed-in user; null when signed out. Views and the socket follow it. */
export const currentUser = signal<UserDto | null>(null);

/**
 * Set when the server answered `two-factor-required`: the workspace requires a second factor of this account and
 * it has none. The app then shows the Security screen until it is set up.
 */
export const enrolmentRequired = signal(false);

let access: AccessToken | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<boolean> | null = null;
const tokenListeners = new Set<(accessToken: string) => void>();
let loadUser: (() => Promise<UserDto>) | null = null;

/** Tells the other tabs of this browser that the session started or ended (they share the cookie). */
const tabs = typeof BroadcastChannel === 'function' ? new BroadcastChannel('tansiq.session') : null;

function keep(next: TokensDto): void {
  access = { accessToken: next.accessToken, expiresAt: Date.now() + next.expiresIn * 1000 };
  localStorage.setItem(HINT_KEY, '1');
  schedule();
  for (const listener of tokenListeners) listener(next.accessToken);
}

/** Refresh a minute before expiry (or at 80% of a short lifetime) so neither REST nor the socket meets a dead token. */
function schedule(): void {
  clearTimeout(refreshTimer);
  if (!access) return;
  const lifetime = access.expiresAt - Date.now();
  const lead = Math.max(lifetime * 0.2, Math.min(60_000, lifetime * 0.5));
  refreshTimer = setTimeout(() => void refresh(), Math.max(1_000, lifetime - lead));
}

/**
 * Refresh tokens rotate on every use, and presenting a rotated one revokes the whole session. Every tab of this
 * browser sends the same cookie, so two tabs refreshing at once would present the same token twice: the Web Locks
 * API makes them take turns (each request starts after the previous answer set the new cookie), across tabs and
 * within this one. Each tab gets its own access token.
 */
function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      return navigator.locks
        ? await navigator.locks.request('tansiq.refresh', refreshWithCookie)
        : await refreshWithCookie();
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

async function refreshWithCookie(): Promise<boolean> {
  try {
    const res = await fetch('/api/auth/refresh', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(legacyRefreshBody()),
    });
    if (res.ok) {
      keep((await res.json()) as TokensDto);
      return true;
    }
    if (res.status === 401 || res.status === 400 || res.status === 403) end();
    return false;
  } catch {
    schedule(); // offline: try again later; the session is not over
    return false;
  }
}

/** A session from before the cookie: its refresh token is sent once in the body (the answer sets the cookie). */
function legacyRefreshBody(): { refreshToken?: string } {
  try {
    const raw = localStorage.getItem(LEGACY_STORAGE_KEY);
    if (raw === null) return {};
    localStorage.removeItem(LEGACY_STORAGE_KEY);
    const legacy = JSON.parse(raw) as { refreshToken?: unknown };
    return typeof legacy.refreshToken === 'string' ? { refreshToken: legacy.refreshToken } : {};
  } catch {
    return {};
  }
}

function end(): void {
  clearTimeout(refreshTimer);
  access = null;
  enrolmentRequired.value = false;
  localStorage.removeItem(HINT_KEY);
  currentUser.value = null;
}

tabs?.addEventListener('message', (event: MessageEvent<'signed-in' | 'signed-out'>) => {
  if (event.data === 'signed-out') end();
  else if (event.data === 'signed-in' && !currentUser.value && loadUser) void session.restore(loadUser);
});

export const session = {
  accessToken: (): string | null => access?.accessToken ?? null,
  refresh,

  /** Every new access token: the open socket re-authenticates with it (auth.refresh). */
  onToken(listener: (accessToken: string) => void): () => void {
    tokenListeners.add(listener);
    return () => tokenListeners.delete(listener);
  },

  /** After sign-in or registration: the cookie was set by the answer; the access token stays in memory. */
  start(answer: AuthResponseDto): void {
    keep(answer);
    currentUser.value = answer.user;
    tabs?.postMessage('signed-in');
  },

  /**
   * Back from single sign-on: the server set the cookie during the redirect, so this browser has a session although
   * the hint was never written. restore() then refreshes as after a reload.
   */
  adoptRedirectedSession(): void {
    localStorage.setItem(HINT_KEY, '1');
  },

  /** After a (re)load: the cookie, if the session is still live, gives an access token and the user back. */
  async restore(loadMe: () => Promise<UserDto>): Promise<void> {
    loadUser = loadMe;
    if (localStorage.getItem(HINT_KEY) === null && localStorage.getItem(LEGACY_STORAGE_KEY) === null) return;
    if (!(await refresh())) return;
    try {
      currentUser.value = await loadMe();
    } catch (error) {
      if ((error as { status?: number }).status === 401) end();
    }
  },

  /**
   * Ends the session on the server (which clears the cookie) and in every tab; locally even when offline. An
   * access token about to expire is refreshed first: a refused logout would leave the cookie's session live.
   */
  async signOut(): Promise<void> {
    if (!access || access.expiresAt - Date.now() < 10_000) await refresh();
    const token = access?.accessToken;
    end();
    tabs?.postMessage('signed-out');
    if (!token) return;
    await fetch('/api/auth/logout', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { Authorization: `Bearer ${token}` },
    }).catch(() => undefined);
  },
};
