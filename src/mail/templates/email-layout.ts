import type { RenderedEmail } from './email-template';
import type { EmailTranslator } from './translator';

/*
 * Every email is a list of blocks of plain text, rendered twice: as HTML and as the plain-text part. The templates
 * never write markup, so nothing they pass (a name, a title, an excerpt) can become HTML: this file escapes all of
 * it, in one place. Layout is tables with inline styles because that is what Outlook and Gmail still render.
 */

export type EmailBlock =
  | { kind: 'heading'; text: string; level?: 1 | 2 }
  | { kind: 'paragraph'; text: string; muted?: boolean }
  /** Label–value lines: the group, the discussion or action it is about. */
  | { kind: 'facts'; rows: [label: string, value: string][] }
  /** Someone's words, shown apart from ours. */
  | { kind: 'quote'; text: string }
  /** The one thing to do; `showUrl` adds the address for clients that drop the button (one-time links). */
  | { kind: 'button'; label: string; url: string; showUrl?: boolean }
  | { kind: 'links'; items: { text: string; url: string }[] };

export interface EmailContent {
  subject: string;
  /** The line inboxes show after the subject. */
  preview: string;
  blocks: EmailBlock[];
  /** Why the reader got it and how to stop it; small print under a rule. */
  footer: EmailBlock[];
}

/** Long enough for any notification's sentence, short enough for every mail client and gateway. */
export const SUBJECT_MAX = 150;
/** An excerpt is a taste of the message: the button opens the rest. */
export const EXCERPT_MAX = 600;

export function renderEmail(content: EmailContent, tr: EmailTranslator): RenderedEmail {
  const subject = emailSubject(content.subject);
  return { subject, html: html(subject, content, tr), text: text(content) };
}

/**
 * A subject that cannot inject headers: every line break and control character (CR, LF, NEL, the Unicode line and
 * paragraph separators) becomes a space, and it is cut at SUBJECT_MAX characters without splitting a character.
 */
export function emailSubject(raw: string): string {
  return shorten(oneLine(raw), SUBJECT_MAX);
}

export function oneLine(raw: string): string {
  return (
    raw
      // Control characters are exactly what must not reach a header.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

export function shorten(value: string, max: number): string {
  const characters = Array.from(value);
  return characters.length <= max
    ? value
    : `${characters
        .slice(0, max - 1)
        .join('')
        .trimEnd()}…`;
}

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Links are built from PUBLIC_URL; anything but http(s) (a `javascript:` URL) is a bug, not something to send. */
export function checkedUrl(url: string): string {
  const protocol = new URL(url).protocol;
  if (protocol !== 'https:' && protocol !== 'http:') throw new Error(`refusing to link to a ${protocol} URL`);
  return url;
}

const FONT = "-apple-system, 'Segoe UI', Roboto, Tahoma, Arial, sans-serif";
const INK = '#1f2933';
const MUTED = '#616e7c';
const ACCENT = '#0b6e4f';

function html(subject: string, content: EmailContent, tr: EmailTranslator): string {
  const align = tr.dir === 'rtl' ? 'right' : 'left';
  const cell = `font-family:${FONT};font-size:16px;line-height:1.6;color:${INK};text-align:${align};`;
  const body = content.blocks.map((block) => blockHtml(block, tr)).join('\n');
  const footer = content.footer.map((block) => blockHtml(block, tr)).join('\n');
  // `dir` is repeated on the table cells: Gmail and others drop the <html> element's attributes.
  return `<!DOCTYPE html>
<html lang="${tr.locale}" dir="${tr.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${escapeHtml(subject)}</title>
</head>
<body style="margin:0;padding:0;background:#f3f4f6;">
<div style="display:none;max-height:0;overflow:hidden;opacity:0;">${escapeHtml(oneLine(content.preview))}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f4f6;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background:#ffffff;border-radius:8px;">
<tr><td dir="${tr.dir}" style="padding:28px 28px 8px;${cell}">
<p style="margin:0 0 20px;font-size:14px;font-weight:bold;color:${ACCENT};">${escapeHtml(tr.t('email.appName'))}</p>
${body}
</td></tr>
<tr><td dir="${tr.dir}" style="padding:8px 28px 28px;${cell}font-size:13px;color:${MUTED};">
<hr style="border:0;border-top:1px solid #e4e7eb;margin:16px 0;">
${footer}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

function blockHtml(block: EmailBlock, tr: EmailTranslator): string {
  const start = tr.dir === 'rtl' ? 'right' : 'left';
  switch (block.kind) {
    case 'heading':
      return block.level === 2
        ? `<h2 style="margin:24px 0 8px;font-size:17px;">${escapeHtml(block.text)}</h2>`
        : `<h1 style="margin:0 0 16px;font-size:21px;line-height:1.3;">${escapeHtml(block.text)}</h1>`;
    case 'paragraph':
      return `<p style="margin:0 0 14px;${block.muted ? `font-size:14px;color:${MUTED};` : ''}">${lines(block.text)}</p>`;
    case 'facts':
      return `<p style="margin:0 0 14px;font-size:14px;">${block.rows
        .map(([label, value]) => `<span style="color:${MUTED};">${escapeHtml(label)}:</span> ${escapeHtml(value)}`)
        .join('<br>')}</p>`;
    case 'quote':
      return `<blockquote style="margin:0 0 16px;padding:8px 14px;border-${start}:3px solid #cbd2d9;color:#3e4c59;background:#f9fafb;">${lines(
        shorten(block.text.trim(), EXCERPT_MAX),
      )}</blockquote>`;
    case 'button': {
      const url = escapeHtml(checkedUrl(block.url));
      const button = `<p style="margin:20px 0;"><a href="${url}" style="display:inline-block;padding:11px 20px;background:${ACCENT};color:#ffffff;text-decoration:none;border-radius:6px;font-weight:bold;">${escapeHtml(block.label)}</a></p>`;
      return block.showUrl
        ? `${button}\n<p style="margin:0 0 14px;font-size:13px;color:${MUTED};">${escapeHtml(tr.t('email.linkFallback'))}<br><a href="${url}" dir="ltr" style="color:${ACCENT};word-break:break-all;">${url}</a></p>`
        : button;
    }
    case 'links':
      return `<ul style="margin:0 0 14px;padding-${start}:20px;">${block.items
        .map(
          (item) =>
            `<li style="margin:0 0 8px;"><a href="${escapeHtml(checkedUrl(item.url))}" style="color:${ACCENT};">${escapeHtml(item.text)}</a></li>`,
        )
        .join('')}</ul>`;
  }
}

/** Escaped, with the writer's line breaks kept. */
function lines(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

function text(content: EmailContent): string {
  const body = content.blocks.map(blockText);
  const footer = content.footer.map(blockText);
  // "-- " is the signature separator: mail clients and reply parsers treat what follows as not part of the reply.
  return `${[...body, '-- ', ...footer].join('\n\n')}\n`;
}

function blockText(block: EmailBlock): string {
  switch (block.kind) {
    case 'heading':
      return block.text;
    case 'paragraph':
      return block.text;
    case 'facts':
      return block.rows.map(([label, value]) => `${label}: ${value}`).join('\n');
    case 'quote':
      return shorten(block.text.trim(), EXCERPT_MAX)
        .split(/\r?\n/)
        .map((line) => `> ${line}`)
        .join('\n');
    case 'button':
      return `${block.label}:\n${checkedUrl(block.url)}`;
    case 'links':
      return block.items.map((item) => `- ${item.text}\n  ${checkedUrl(item.url)}`).join('\n');
  }
}
