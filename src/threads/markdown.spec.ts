import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';
import { mentionedIds, renderMessage } from './markdown';

/** Payloads collected from public XSS cheat sheets and past chat-product advisories. */
const XSS_CORPUS = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](  javascript:alert(1))',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[click](vbscript:msgbox(1))',
  '![x](x" onerror="alert(1))',
  '<a href="javascript:alert(1)">x</a>',
  '<details open ontoggle=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '"><script>alert(1)</script>',
  '`<script>alert(1)</script>`',
  '```\n<script>alert(1)</script>\n```',
  '> <img src=x onerror=alert(1)>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '[x](https://example.org" onmouseover="alert(1))',
  '<@00000000-0000-4000-8000-000000000000><script>alert(1)</script>',
  'javascript:alert(1)',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '[a](&#x6A;avascript:alert(1))',
  '<form action="https://evil.example"><button>go</button></form>',
  '<object data="javascript:alert(1)"></object>',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '\u0000<script>alert(1)</script>',
];

/** Inert: no element that runs script, no event handler attribute, no non-http(s)/mailto link. */
function assertInert(html: string): void {
  const elements: Element[] = [];
  const walk = (nodes: ChildNode[]) =>
    nodes.forEach((node) => {
      if (node.type === 'tag' || node.type === 'script' || node.type === 'style') elements.push(node as Element);
      if ('children' in node) walk(node.children as ChildNode[]);
    });
  walk(parseDocument(html).children);
  const allowed = ['p', 'br', 'strong', 'em', 's', 'ul', 'ol', 'li', 'a', 'code', 'pre', 'blockquote', 'span'];
  for (const el of elements) {
    expect(allowed).toContain(el.name);
    for (const [name, value] of Object.entries(el.attribs)) {
      expect(name.startsWith('on')).toBe(false);
      expect(name).not.toBe('style');
      if (name === 'href') expect(value).toMatch(/^(https?:|mailto:)/i);
    }
  }
}

describe('renderMessage', () => {
  it.each(XSS_CORPUS)('renders %j inert', (payload) => {
    assertInert(renderMessage(payload));
  });

  it('keeps the safe subset: bold, italics, lists, links, code, quotes', () => {
    const html = renderMessage('**bold** _it_ `code`\n\n- one\n- two\n\n> quoted\n\n[IOM](https://www.iom.int)');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>it</em>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<a href="https://www.iom.int" rel="noopener noreferrer nofollow" target="_blank">IOM</a>');
  });

  it('shows raw HTML as text', () => {
    expect(renderMessage('<b>hi</b>')).toBe('<p>&lt;b&gt;hi&lt;/b&gt;</p>');
  });

  it('renders mentions of members by name and leaves others as typed', () => {
    const member = '11111111-1111-4111-8111-111111111111';
    const stranger = '22222222-2222-4222-8222-222222222222';
    const html = renderMessage(`hi <@${member}> and <@${stranger}>`, new Map([[member, 'Ministry <Focal> Point']]));
    expect(html).toContain(`<span class="mention" data-user-id="${member}">@Ministry &lt;Focal&gt; Point</span>`);
    expect(html).toContain(`&lt;@${stranger}&gt;`);
    expect(mentionedIds(`<@${member}> <@${member.toUpperCase()}> <@${stranger}>`)).toEqual([member, stranger]);
  });

  it('keeps Arabic text intact', () => {
    expect(renderMessage('**مسارات الهجرة النظامية**')).toBe('<p><strong>مسارات الهجرة النظامية</strong></p>');
  });
});
