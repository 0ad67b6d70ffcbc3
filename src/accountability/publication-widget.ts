import type { Locale } from '../users/entities/user.entity';
import type { FiguresDto } from './dto/progress-report.dto';

const TEXTS: Record<Locale, { progress: string; claimed: string; verified: string; none: string; open: string }> = {
  en: {
    progress: 'Progress',
    claimed: 'Claimed',
    verified: 'Verified',
    none: 'No figures yet',
    open: 'Open the full page',
  },
  ar: {
    progress: 'التقدم',
    claimed: 'المُعلَن',
    verified: 'المُتحقَّق منه',
    none: 'لا أرقام بعد',
    open: 'افتح الصفحة كاملة',
  },
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every dynamic text of the widget goes through this: a group name is whatever its facilitators typed. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const STYLE = `body{margin:0;font:14px/1.4 system-ui,sans-serif;color:#1f2933;background:#fff}
main{padding:12px}h1{font-size:16px;margin:0 0 8px}p{margin:6px 0 2px}
.bar{height:10px;background:#e4e7eb;border-radius:5px;overflow:hidden}
.fill{height:100%;background:#2f7d5b}.verified .fill{background:#1d4e89}a{color:#1d4e89}`;

function bar(label: string, value: number | null, kind: string, none: string): string {
  const percent = value === null ? null : Math.max(0, Math.min(100, value));
  const figure = percent === null ? none : `${percent}%`;
  return `<p>${escapeHtml(label)}: <strong>${escapeHtml(figure)}</strong></p>
<div class="bar ${kind}" role="img" aria-label="${escapeHtml(`${label}: ${figure}`)}"><svg class="fill" width="${percent ?? 0}%" height="10"></svg></div>`;
}

/**
 * The embeddable widget: a static page, no script. Its one style block is allowed by a per-answer nonce; widths are
 * SVG attributes, not inline styles, so the CSP needs nothing else.
 */
export function renderWidget(input: {
  groupName: string;
  overall: FiguresDto;
  locale: Locale;
  pagePath: string;
  nonce: string;
}): string {
  const t = TEXTS[input.locale];
  const dir = input.locale === 'ar' ? 'rtl' : 'ltr';
  return `<!doctype html>
<html lang="${input.locale}" dir="${dir}">
<head><meta charset="utf-8"><meta name="robots" content="noindex"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(`${t.progress}: ${input.groupName}`)}</title>
<style nonce="${escapeHtml(input.nonce)}">${STYLE}</style></head>
<body><main>
<h1>${escapeHtml(input.groupName)}</h1>
${bar(t.claimed, input.overall.claimed, 'claimed', t.none)}
${bar(t.verified, input.overall.verified, 'verified', t.none)}
<p><a href="${escapeHtml(`${input.pagePath}?lang=${input.locale}`)}" target="_blank" rel="noopener noreferrer">${escapeHtml(t.open)}</a></p>
</main></body></html>
`;
}
