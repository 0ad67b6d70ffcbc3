/** The path of a request target, without its query string (what Express called `req.path`). */
export function pathOf(url: string): string {
  const at = url.indexOf('?');
  return at < 0 ? url : url.slice(0, at);
}
