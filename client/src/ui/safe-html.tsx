import DOMPurify from 'dompurify';

/**
 * The only way HTML from the server reaches the page. The server renders and sanitizes message Markdown with a
 * strict allowlist; DOMPurify applies the same allowlist again here, so a server bug cannot become script in
 * the browser. Nothing the client builds from user text goes through here: that is rendered as text.
 */
const MESSAGE = {
  ALLOWED_TAGS: ['p', 'br', 'strong', 'em', 's', 'ul', 'ol', 'li', 'a', 'code', 'pre', 'blockquote', 'span'],
  ALLOWED_ATTR: ['href', 'rel', 'target', 'class', 'data-user-id', 'start'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:)/i,
};
/** Search snippets: escaped text with <mark> around matches, nothing else. */
const SNIPPET = { ALLOWED_TAGS: ['mark'], ALLOWED_ATTR: [] as string[] };

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('rel', 'noopener noreferrer nofollow');
    node.setAttribute('target', '_blank');
  }
  if (node.tagName === 'SPAN' && node.getAttribute('class') !== 'mention') node.removeAttribute('class');
});

export function sanitize(html: string, kind: 'message' | 'snippet' = 'message'): string {
  return DOMPurify.sanitize(html, kind === 'message' ? MESSAGE : SNIPPET);
}

/** Plain text of sanitized HTML, for announcements and previews. */
export function textOf(html: string): string {
  return new DOMParser().parseFromString(sanitize(html), 'text/html').body.textContent?.trim() ?? '';
}

interface Props {
  html: string;
  kind?: 'message' | 'snippet';
  class?: string;
  tag?: 'div' | 'span';
}

export function SafeHtml({ html, kind = 'message', class: className, tag = 'div' }: Props) {
  const Tag = tag;
  return <Tag class={className} dir="auto" dangerouslySetInnerHTML={{ __html: sanitize(html, kind) }} />;
}
