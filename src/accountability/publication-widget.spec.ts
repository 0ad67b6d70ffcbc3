import { escapeHtml, renderWidget } from './publication-widget';

describe('the embeddable progress widget', () => {
  const render = (groupName: string, locale: 'en' | 'ar' = 'en') =>
    renderWidget({ groupName, overall: { claimed: 42.5, verified: null }, locale, pagePath: '/p/abc', nonce: 'n0nce' });

  it('escapes every character HTML gives meaning to', () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('shows the group name escaped, in the title and the heading, and runs no script', () => {
    const html = render('<script>alert(1)</script> & co');
    expect(html).not.toContain('<script>');
    expect(html.match(/&lt;script&gt;alert\(1\)&lt;\/script&gt; &amp; co/g)).toHaveLength(2);
  });

  it('shows each figure, or says there is none, and sizes bars without inline styles', () => {
    const html = render('G');
    expect(html).toContain('Claimed: <strong>42.5%</strong>');
    expect(html).toContain('Verified: <strong>No figures yet</strong>');
    expect(html).toContain('width="42.5%"');
    expect(html).not.toMatch(/ style=/);
    expect(html).toContain('<style nonce="n0nce">');
  });

  it('lays Arabic out right to left, in Arabic, linking to the page in Arabic', () => {
    const html = render('مجموعة', 'ar');
    expect(html).toContain('<html lang="ar" dir="rtl">');
    expect(html).toContain('المُعلَن');
    expect(html).toContain('href="/p/abc?lang=ar"');
  });
});
