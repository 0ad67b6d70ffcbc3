import EmailReplyParser from 'email-reply-parser';

const parser = new EmailReplyParser();

/** Direction marks that mail clients put around names and addresses in right-to-left quote headers. */
const BIDI_MARKS = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** "On …", "في …", "بتاريخ …": how a quote header starts. */
const HEADER_START = /^(on|في|بتاريخ)\s/iu;
/** "… wrote:", "… كتب Name <address>:", Gmail's Arabic "… تمت كتابة ما يلي بواسطة Name <address>:". */
const HEADER_VERB = /(wrote|كتب|تمت كتابة ما يلي بواسطة)/iu;
const ENDS_WITH_COLON = /[:：]$/u;
/** The second line of a wrapped header: "wrote:", "كتب:" or the address. */
const WRAPPED_END = /(wrote|كتب|@)[^:：]*[:：]$/iu;
/** A date, a time or an address: what tells a header from a sentence such as "في رأيي كتب الفريق ما يلي:". */
const HEADER_DETAIL = /[\p{Nd}@]/u;
const ORIGINAL_MESSAGE = /^-{2,}\s*(original message|الرسالة الأصلية|الرسالة الاصلية)\s*-{2,}$/iu;
/** Outlook's block: "From: …" (or "من: …") followed by "Sent: …" / "Date: …" / "تاريخ الإرسال: …". */
const OUTLOOK_FROM = /^(from|من)\s*:/iu;
const OUTLOOK_SENT = /^(sent|date|تاريخ الإرسال|أرسل|التاريخ)\s*:/iu;

/**
 * Whether a line (with the next one, for headers wrapped onto two lines) starts the quoted message, in the forms
 * email-reply-parser misses: Arabic headers, Outlook blocks, "On … wrote:" however it is worded or wrapped.
 */
function isQuoteHeader(line: string, next: string): boolean {
  if (ORIGINAL_MESSAGE.test(line)) return true;
  if (OUTLOOK_FROM.test(line) && OUTLOOK_SENT.test(next)) return true;
  const header = ENDS_WITH_COLON.test(line) ? line : WRAPPED_END.test(next) ? `${line} ${next}` : '';
  if (!ENDS_WITH_COLON.test(header) || !HEADER_VERB.test(header) || !HEADER_DETAIL.test(header)) return false;
  return HEADER_START.test(line) || /@[^\s]+>?\s*(wrote|كتب)?\s*[:：]$/iu.test(header);
}

/**
 * What the person wrote in a reply: without the quoted message, its header, or the signature. The library handles
 * the common English and European forms; what it leaves (Arabic headers, Outlook blocks, stray `>` lines) is cut
 * here, before and after it.
 */
export function replyText(text: string): string {
  const own = cutQuotes(text.replace(/\r\n?/g, '\n'));
  return cutQuotes(parser.parseReply(own)).trim();
}

function cutQuotes(text: string): string {
  const lines = text.split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i].replace(BIDI_MARKS, '').trim();
    if (isQuoteHeader(line, (lines[i + 1] ?? '').replace(BIDI_MARKS, '').trim())) break;
    // The signature separator ("-- ", often trimmed by clients to "--"): what follows is the signature.
    if (line === '--') break;
    if (line.startsWith('>')) continue;
    kept.push(lines[i]);
  }
  return kept.join('\n').trimEnd();
}
