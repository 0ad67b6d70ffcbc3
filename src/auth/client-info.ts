import type { FastifyRequest } from 'fastify';

/** Where a sign-in comes from, as the account's list of sessions shows it. */
export interface ClientInfo {
  userAgent: string | null;
  ipAddress: string | null;
}

const USER_AGENT_MAX = 200;

/** The User-Agent without control characters, trimmed to what the column holds; the address trusted as TRUST_PROXY says. */
export function clientInfoOf(req: Pick<FastifyRequest, 'headers' | 'ip'>): ClientInfo {
  // Control characters (a forged header's CR/LF, escapes) become spaces: the list shows the text as it is.
  const agent = [...(req.headers['user-agent'] ?? '')]
    .map((char) => (char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f ? ' ' : char))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, USER_AGENT_MAX);
  return { userAgent: agent || null, ipAddress: req.ip?.slice(0, 64) ?? null };
}

export const NO_CLIENT: ClientInfo = { userAgent: null, ipAddress: null };
