import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * Messages are stored as Markdown source and rendered here, once, to HTML that is safe to insert:
 * markdown-it with raw HTML off (it is escaped, never passed through), then a strict allowlist
 * as a second line of defence, so a parser quirk cannot smuggle markup through.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, breaks: true, typographer: false })
  // The safe subset: no images, tables or headings in chat messages.
  .disable(['image', 'table', 'heading', 'lheading', 'hr', 'html_block', 'html_inline']);

// Only these schemes become links; anything else (javascript:, data:, vbscript:) stays text.
markdown.validateLink = (url: string) => /^(https?:|mailto:)/i.test(url.trim());

const ALLOWED = {
  allowedTags: ['p', 'br', 'strong', 'em', 's', 'ul', 'ol', 'li', 'a', 'code', 'pre', 'blockquote', 'span'],
  allowedAttributes: { a: ['href', 'rel', 'target'], span: ['class', 'data-user-id'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  allowedClasses: { span: ['mention'] },
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }),
  },
  disallowedTagsMode: 'escape' as const,
};

/** `<@uuid>` in the source is a mention; the renderer shows the member's name. */
export const MENTION = /<@([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})>/gi;

export function mentionedIds(source: string): string[] {
  return [...new Set([...source.matchAll(MENTION)].map((m) => m[1].toLowerCase()))];
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Renders Markdown to sanitized HTML. `members` maps the ids of mentioned group members to their names;
 * a mention of anyone else stays as the literal text the author typed, revealing nothing.
 */
export function renderMessage(source: string, members: Map<string, string> = new Map()): string {
  // Placeholders survive Markdown untouched; they are swapped for mention markup after sanitizing.
  const spans: string[] = [];
  // Private-use characters mark the placeholders; any in the source are dropped so they cannot forge one.
  const prepared = source.replace(/[\uE000\uE001]/g, '').replace(MENTION, (whole, id: string) => {
    const name = members.get(id.toLowerCase());
    if (!name) return whole;
    spans.push(`<span class="mention" data-user-id="${id.toLowerCase()}">@${escapeHtml(name)}</span>`);
    return `\uE000${spans.length - 1}\uE001`;
  });
  const html = sanitizeHtml(markdown.render(prepared), ALLOWED).trim();
  return html.replace(/\uE000(\d+)\uE001/g, (_, i: string) => spans[Number(i)] ?? '');
}
