import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { NoteMarkdown, messageUrlTransform, noteUrlTransform } from '@/lib/notes/render';

// Notes are typed by people and read by colleagues and patients: whatever is typed, the rendered
// note must run nothing. Each payload below is a known way to get script into HTML or Markdown.

const render = (source: string) => renderToStaticMarkup(createElement(NoteMarkdown, { source }));

const XSS_PAYLOADS: string[] = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<scr<script>ipt>alert(1)</scr</script>ipt>',
  '<img src=x onerror=alert(1)>',
  '<img src="x" onerror="alert(document.cookie)" />',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<body onload=alert(1)>',
  '<div onmouseover="alert(1)">hover</div>',
  '<a href="javascript:alert(1)">click</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
  '<embed src="javascript:alert(1)">',
  '<style>body{background:url("javascript:alert(1)")}</style>',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<details open ontoggle=alert(1)>',
  '<input autofocus onfocus=alert(1)>',
  '<form action="javascript:alert(1)"><button>go</button></form>',
  '[x](javascript:alert(1))',
  '[x](JaVaScRiPt:alert(1))',
  '[x](javascript&#58;alert(1))',
  '[x](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))',
  '[x](java\tscript:alert(1))',
  '[x](%6A%61%76%61%73%63%72%69%70%74:alert(1))',
  '[x]( javascript:alert(1) )',
  '[x](<javascript:alert(1)>)',
  '[x](vbscript:msgbox(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '[x](data:text/html,<script>alert(1)</script>)',
  '![x](javascript:alert(1))',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '![x" onerror="alert(1)](https://example.com/a.png)',
  '[x](https://example.com "title\\" onmouseover=\\"alert(1)")',
  '[ref]\n\n[ref]: javascript:alert(1)',
  '<javascript:alert(1)>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;script&#62;alert(1)&#60;/script&#62;',
  '`<script>alert(1)</script>` and ```\n<script>alert(1)</script>\n```',
  '| a | b |\n|---|---|\n| <img src=x onerror=alert(1)> | [x](javascript:alert(1)) |',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<a href="&#x6A;avascript:alert(1)">x</a>',
  '"><script>alert(1)</script>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
];

function assertInert(html: string) {
  expect(html).not.toMatch(/<script/i);
  expect(html).not.toMatch(/<(iframe|object|embed|style|link|meta|svg|math|form|base|body|img)\b/i);
  // No element carries an event-handler attribute.
  expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i);
  // No href or src points anywhere but http(s) or mailto.
  for (const m of html.matchAll(/\s(href|src|action|formaction|srcdoc|data)\s*=\s*"([^"]*)"/gi)) {
    expect(m[1]?.toLowerCase()).toBe('href');
    expect(m[2]).toMatch(/^(https?:|mailto:)/i);
  }
  expect(html).not.toMatch(/(href|src)\s*=\s*"\s*(javascript|vbscript|data):/i);
  expect(html).not.toMatch(/href\s*=\s*"data:text\/html/i);
}

describe('NoteMarkdown against XSS payloads', () => {
  it('has a long list of payloads', () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(25);
  });

  it.each(XSS_PAYLOADS)('renders %j inert', (payload) => {
    assertInert(render(payload));
    // Also when the payload sits inside ordinary note text and lists.
    assertInert(render(`Plan reviewed.\n\n- item ${payload}\n\n> quote ${payload}`));
  });

  it('shows raw HTML as the text that was typed, not as markup', () => {
    const html = render('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('keeps the text of a refused link and drops its target', () => {
    const html = render('[click me](javascript:alert(1))');
    expect(html).toContain('click me');
    expect(html).not.toContain('<a');
  });

  it('shows an image as its alternative text and never loads it', () => {
    const html = render('![rash photo](https://example.com/rash.png)');
    expect(html).toContain('[image: rash photo]');
    expect(html).not.toContain('example.com/rash.png');
  });
});

describe('NoteMarkdown formatting', () => {
  it('renders emphasis, lists and GFM tables', () => {
    const html = render('**Low-FODMAP** for *4 weeks*\n\n1. stop dairy\n2. reintroduce\n\n| Food | Week |\n|---|---|\n| Wheat | 5 |');
    expect(html).toContain('<strong>Low-FODMAP</strong>');
    expect(html).toContain('<em>4 weeks</em>');
    expect(html).toMatch(/<ol[^>]*>\s*<li>stop dairy<\/li>/);
    expect(html).toContain('<table');
    expect(html).toContain('Wheat');
  });

  it('keeps safe links and opens them without giving the target a handle on Axis', () => {
    const html = render('[guideline](https://www.aad.org/eczema) or [mail](mailto:clinic@example.com)');
    expect(html).toContain('href="https://www.aad.org/eczema"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    expect(html).toContain('href="mailto:clinic@example.com"');
  });

  it('renders note headings as labels, never as page headings', () => {
    expect(render('# Assessment')).not.toMatch(/<h1/);
  });
});

describe('messageUrlTransform (messages may link to the record’s own pages)', () => {
  const id = '3f1c2a9e-1b2c-4d5e-8f90-123456789abc';
  it.each([
    [`/patients/${id}/results/${id}`, `/patients/${id}/results/${id}`],
    [`/patients/${id}/plan#interventions`, `/patients/${id}/plan#interventions`],
    ['https://example.com/a', 'https://example.com/a'],
    ['/patients/123', undefined],
    [`/patients/${id}/../admin`, undefined],
    [`//evil.example/patients/${id}`, undefined],
    [`/patients/${id}\\evil`, undefined],
    [`/admin/audit`, undefined],
    ['javascript:alert(1)', undefined],
  ])('%j → %j', (url, expected) => {
    expect(messageUrlTransform(url, 'href')).toBe(expected);
  });
  it('opens a record link in the same tab, an outside link in a new one without referrer', () => {
    const html = renderToStaticMarkup(createElement(NoteMarkdown, { source: `[result](/patients/${id}/results/${id}) and [site](https://example.com)`, internalLinks: true }));
    expect(html).toContain(`<a href="/patients/${id}/results/${id}" class`);
    expect(html).toContain('href="https://example.com" target="_blank" rel="noopener noreferrer nofollow"');
    expect(renderToStaticMarkup(createElement(NoteMarkdown, { source: `[result](/patients/${id})` }))).not.toContain('href=');
  });
});

describe('noteUrlTransform', () => {
  it.each([
    ['https://example.com/a', 'https://example.com/a'],
    ['http://example.com', 'http://example.com'],
    ['mailto:a@b.c', 'mailto:a@b.c'],
    ['javascript:alert(1)', undefined],
    ['java\u0000script:alert(1)', undefined],
    [' javascript:alert(1)', undefined],
    ['data:text/html,x', undefined],
    ['//evil.example/x', undefined],
    ['/patients/123', undefined],
    ['https://ex\u0001ample.com', undefined],
  ])('%j → %j', (url, expected) => {
    expect(noteUrlTransform(url, 'href')).toBe(expected);
  });

  it('never keeps an image source', () => {
    expect(messageUrlTransform('https://example.com/a.png', 'src')).toBeUndefined();
    expect(noteUrlTransform('https://example.com/a.png', 'src')).toBeUndefined();
  });
});

describe('NoteMarkdown memo (issue 21: parsed once per text)', () => {
  it('renders the same text the same way the second time', () => {
    const source = `# Plan\n\n- [x] stop PPI ${Math.random()}\n\n| a | b |\n|---|---|\n| 1 | 2 |`;
    const first = render(source);
    expect(render(source)).toBe(first);
    expect(first).toContain('<table');
  });

  it('keeps the note and the message link rules apart for the same text', () => {
    const source = `See [the result](/patients/0b6a8f0e-1c2d-4e5f-8a9b-0c1d2e3f4a5b/results) ${Math.random()}`;
    const asNote = render(source);
    const asMessage = renderToStaticMarkup(createElement(NoteMarkdown, { source, internalLinks: true }));
    // Notes drop relative links; messages keep links to the record's own pages. Either order, either cache state.
    expect(asNote).not.toContain('href="/patients/');
    expect(asMessage).toContain('href="/patients/0b6a8f0e-1c2d-4e5f-8a9b-0c1d2e3f4a5b/results"');
    expect(render(source)).toBe(asNote);
  });

  it('still renders texts past the memo size (and hundreds of distinct ones) correctly', () => {
    const long = `**bold** ${'word '.repeat(12_000)}`;
    expect(render(long)).toContain('<strong>bold</strong>');
    for (let i = 0; i < 600; i++) expect(render(`*n${i}*`)).toContain(`<em>n${i}</em>`);
    expect(render('*n0*')).toContain('<em>n0</em>');
  });
});
