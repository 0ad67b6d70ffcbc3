/**
 * Whether a request's `Origin` may use the socket or the refresh cookie: one listed in CORS_ORIGINS, or the
 * request's own origin (the scheme the server saw, the `Host` it was sent to). Same-origin is what a browser on the
 * server's own page sends, and what non-browser clients such as Python's websocket-client send by default; a page
 * on any other origin (another scheme, host or port) is refused unless listed.
 */
export function isAllowedOrigin(
  origin: string,
  request: { host: string | undefined; secure: boolean },
  allowlist: ReadonlySet<string>,
): boolean {
  if (allowlist.has(origin)) return true;
  if (!request.host) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  const scheme = request.secure ? 'https:' : 'http:';
  // Compare what URL normalizes (case, default ports), never raw strings; an Origin is scheme://host[:port] only.
  let own: URL;
  try {
    own = new URL(`${scheme}//${request.host}`);
  } catch {
    return false;
  }
  return parsed.origin === origin.toLowerCase() && parsed.origin === own.origin;
}
