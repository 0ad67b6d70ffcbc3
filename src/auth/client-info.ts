import type { Request } from 'express';

/** Where a sign-in comes from, as the account's list of sessions shows it. */
export interface ClientInfo {
  userAgent: string | null;
  ipAddress: string | null;
}

const USER_AGENT_MAX = 200;

/** The User-Agent without control characters, trimmed to what the column holds; the address Express trusts. */
export function clientInfoOf(req: Request): ClientInfo {
  const agent = (req.headers['user-agent'] ?? '')
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, USER_AGENT_MAX);
  return { userAgent: agent || null, ipAddress: req.ip?.slice(0, 64) ?? null };
}

export const NO_CLIENT: ClientInfo = { userAgent: null, ipAddress: null };
