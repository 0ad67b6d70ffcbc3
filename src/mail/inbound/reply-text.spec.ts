import { replyText } from './reply-text';

describe('replyText', () => {
  it('keeps only the reply above a Gmail quote header, without the signature', () => {
    const text = [
      'Thanks, I agree with the proposal.',
      'Let us meet on Monday.',
      '',
      '-- ',
      'Ali Hassan',
      'Ministry of Planning',
      '',
      'On Mon, Dec 1, 2026 at 10:00 AM Tansiq <tansiq@example.org> wrote:',
      '> The earlier message',
      '> spanning lines',
    ].join('\n');
    expect(replyText(text)).toBe('Thanks, I agree with the proposal.\nLet us meet on Monday.');
  });

  it('cuts at an Arabic "في … كتب …:" header with direction marks', () => {
    const text = [
      'أوافق على هذا الاقتراح.',
      '',
      'في الاثنين، ١ ديسمبر ٢٠٢٦ ١٠:٠٠ ص، كتب \u202aTansiq\u202c \u200f<tansiq@example.org>\u200f:',
      '> النص السابق',
    ].join('\r\n');
    expect(replyText(text)).toBe('أوافق على هذا الاقتراح.');
  });

  it("cuts at Gmail's Arabic header and at an unquoted Outlook block", () => {
    const gmail =
      'نعم.\n\nفي الثلاثاء، ٢ ديسمبر ٢٠٢٦ في ٩:٠٠ ص تمت كتابة ما يلي بواسطة Tansiq <tansiq@example.org>:\n\nنص';
    expect(replyText(gmail)).toBe('نعم.');
    const outlook = 'Fine by me.\r\n\r\nFrom: Tansiq <tansiq@example.org>\r\nSent: Monday\r\nTo: Ali\r\n\r\nOld text';
    expect(replyText(outlook)).toBe('Fine by me.');
    const arabicOutlook = 'حسنا\n-----الرسالة الأصلية-----\nمن: Tansiq\nنص قديم';
    expect(replyText(arabicOutlook)).toBe('حسنا');
  });

  it('cuts at an "On … wrote:" header wrapped onto two lines', () => {
    const text = 'Agreed.\n\nOn Mon, 1 Dec 2026 at 10:00, Tansiq Notifications <tansiq@example.org>\nwrote:\nold';
    expect(replyText(text)).toBe('Agreed.');
  });

  it('drops quoted lines wherever they are and leaves a reply that is all quote empty', () => {
    expect(replyText('> quoted\nmine\n> more quoted')).toBe('mine');
    expect(replyText('> only quoted\n> text')).toBe('');
    expect(replyText('\n\n-- \nsignature only')).toBe('');
  });

  it('keeps sentences that only look like headers', () => {
    const text = 'في رأيي كتب الفريق ما يلي:\nأن نبدأ الآن.\non Monday I wrote\nthe agenda: attached';
    expect(replyText(text)).toBe(text);
  });
});
