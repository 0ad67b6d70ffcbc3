import { signal } from '@preact/signals';
import type { AuthResponseDto, TokensDto, UserDto } from './server-types';

const STORAGE_KEY = 'tansiq.session';

interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  /** Epoch ms when the access token expires. */
  expiresAt: number;
}

/** The signed-in user; null when signed out. Views and the socket follow it. */
export const currentUser = signal<UserDto | null>(null);

let tokens: StoredTokens | null = read();
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let refreshing: Promise<boolean> | null = null;
const tokenListeners = new Set<(accessToken: string) => void>();

function read(): StoredTokens | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as StoredTokens) : null;
  } catch {
    return null;
  }
}

function store(next: TokensDto): void {
  tokens = {
    accessToken: next.accessToken,
    refreshToken: next.refreshToken,
    expiresAt: Date.now() + next.expiresIn * 1000,
  };
  localStorage.setItem(STORAGE_KEY, JSON.stringify(tokens));
  schedule();
  announce();
}

function announce(): void {
  const token = tokens?.accessToken;
  if (token) for (const listener of tokenListeners) listener(token);
}

/** Refresh a minute before expiry (or at 80% of a short lifetime) so neither REST nor a reconnect meets a dead token. */
function schedule(): void {
  clearTimeout(refreshTimer);
  if (!tokens) return;
  const lifetime = tokens.expiresAt - Date.now();
  const lead = Math.max(lifetime * 0.2, Math.min(60_000, lifetime * 0.5));
  refreshTimer = setTimeout(() => void refresh(), Math.max(1_000, lifetime - lead));
}

/**
 * Refresh tokens rotate on every use and a reused one revokes the whole family, so two tabs must never refresh
 * with the same token: the Web Locks API serializes them, and a tab that waited adopts what the other stored.
 */
async function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    const held = tokens?.refreshToken;
    const run = () => refreshWith(held);
    try {
      return navigator.locks ? await navigator.locks.request('tansiq.refresh', run) : await run();
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

async function refreshWith(held: string | undefined): Promise<boolean> {
  const latest = read();
  if (latest && latest.refreshToken !== held && latest.expiresAt - Date.now() > 10_000) {
    tokens = latest; // another tab refreshed while this one waited for the lock
    schedule();
    announce();
    return true;
  }
  if (!latest) return false;
  try {
    const res = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refreshToken: latest.refreshToken }),
    });
    if (res.ok) {
      store((await res.json()) as TokensDto);
      return true;
    }
    if (res.status === 401 || res.status === 400) end();
    return false;
  } catch {
    schedule(); // offline: try again later; the session is not over
    return false;
  }
}

function end(): void {
  clearTimeout(refreshTimer);
  tokens = null;
  localStorage.removeItem(STORAGE_KEY);
  currentUser.value = null;
}

// Another tab signed in, refreshed or signed out: follow it.
window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY) return;
  const next = read();
  if (!next) return end();
  tokens = next;
  schedule();
  announce();
});

export const session = {
  accessToken: (): string | null => tokens?.accessToken ?? null,
  refresh,

  /** Every new access token (refreshed here or adopted from another tab): the open socket re-authenticates with it. */
  onToken(listener: (accessToken: string) => void): () => void {
    tokenListeners.add(listener);
    return () => tokenListeners.delete(listener);
  },

  start(answer: AuthResponseDto): void {
    store(answer);
    currentUser.value = answer.user;
  },

  /** After a reload: the stored tokens, if any still work, give back the user. */
  async restore(loadMe: () => Promise<UserDto>): Promise<void> {
    if (!tokens) return;
    schedule();
    try {
      currentUser.value = await loadMe();
    } catch (error) {
      // Refused (the refresh failed too): the session is over. Offline: keep the tokens for the next load.
      if ((error as { status?: number }).status === 401) end();
    }
  },

  /** Ends the session on the server too (best effort: signing out works offline). */
  async signOut(): Promise<void> {
    const token = tokens?.accessToken;
    end();
    if (token) {
      await fetch('/api/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${token}` } }).catch(
        () => undefined,
      );
    }
  },
};
