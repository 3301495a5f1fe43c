import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ContentError, renderMarkdown } from './markdown.ts';

test('headings get readable anchors and build a two-level table of contents', () => {
  const { html, toc } = renderMarkdown('# Title\n\n## What is ALS?\n\ntext\n\n### Early signs\n\n#### Too deep\n\n## What is ALS?\n');
  assert.deepEqual(toc, [
    { depth: 2, id: 'what-is-als', text: 'What is ALS?' },
    { depth: 3, id: 'early-signs', text: 'Early signs' },
    { depth: 2, id: 'what-is-als-1', text: 'What is ALS?' },
  ]);
  assert.match(html, /<h2 id="what-is-als">What is ALS\?<\/h2>/);
  assert.match(html, /<h2 id="what-is-als-1">/);
});

test('Urdu headings keep their letters in the anchor', () => {
  const { toc } = renderMarkdown('## علامات\n');
  assert.equal(toc[0]?.id, 'علامات');
});

test('raw HTML, scripts, event handlers and javascript: links are removed', () => {
  const { html } = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[click](javascript:alert(1))\n\n<b onclick="x()">hi</b>');
  assert.doesNotMatch(html, /<script|onerror|onclick|javascript:/i);
  assert.match(html, /<a>click<\/a>/);
});

test('tables, lists, block quotes and images render, tables in a scroll box', () => {
  const { html } = renderMarkdown('| a | b |\n|---|---|\n| 1 | 2 |\n\n- x\n\n1. y\n\n> q\n\n![A nerve](/n.png)');
  assert.match(html, /<div class="table-scroll" tabindex="0"><table>/);
  assert.match(html, /<ul>\n<li>x<\/li>/);
  assert.match(html, /<ol>\n<li>y<\/li>/);
  assert.match(html, /<blockquote>/);
  assert.match(html, /<img src="\/n.png" alt="A nerve" loading="lazy" decoding="async">/);
});

test('an image without alt text is refused with a message naming it', () => {
  assert.throws(() => renderMarkdown('![](/chart.png)'), (err: unknown) => err instanceof ContentError && /chart\.png has no alt text/.test(err.message));
  assert.throws(() => renderMarkdown('![   ](/chart.png)'), ContentError);
});

test('[n] citations link to existing references only', () => {
  const { html } = renderMarkdown('See [1] and [2], not [3].', { references: 2 });
  assert.match(html, /<sup><a href="#ref-1" class="cite">\[1\]<\/a><\/sup>/);
  assert.match(html, /<sup><a href="#ref-2" class="cite">\[2\]<\/a><\/sup>/);
  assert.match(html, /not \[3\]\./);
  assert.doesNotMatch(renderMarkdown('See [1].').html, /<sup>/);
});

test('external links get rel=noopener; plain text is kept for search', () => {
  const { html, text } = renderMarkdown('Read [NICE](https://www.nice.org.uk/guidance/ng42).\n\n## Heading\n\nMore   text.');
  assert.match(html, /<a href="https:\/\/www.nice.org.uk\/guidance\/ng42" rel="noopener">NICE<\/a>/);
  assert.equal(text, 'Read NICE. Heading More text.');
});

test('an uploaded image becomes a responsive picture; the sanitiser still removes pictures, sources and srcsets typed by hand', () => {
  const id = '0123456789abcdef';
  const images = new Map([[id, { width: 1200, height: 800, widths: [480, 960], fallback: { width: 960, format: 'jpg' as const } }]]);
  const { html } = renderMarkdown(`![A clinic room](/media/${id})\n\n![Elsewhere](/media/${id}/960.webp)\n\n![Other](/media/${id}?x=1)\n\n<picture><source srcset="https://evil.example/x.png"><img src="/x" srcset="https://evil.example/y.png 2x"></picture>`, { images });
  assert.ok(html.includes(`<picture><source type="image/avif" srcset="/media/${id}/480.avif 480w, /media/${id}/960.avif 960w" sizes="(min-width: 44rem) 42rem, calc(100vw - 2rem)"><source type="image/webp" srcset="/media/${id}/480.webp 480w, /media/${id}/960.webp 960w" sizes="(min-width: 44rem) 42rem, calc(100vw - 2rem)"><img src="/media/${id}" alt="A clinic room" loading="lazy" decoding="async" width="960" height="640"></picture>`), html);
  assert.equal(html.match(/<picture>/g)?.length, 1, 'only the image at its stable address');
  assert.ok(html.includes(`<img src="/media/${id}/960.webp" alt="Elsewhere" loading="lazy" decoding="async">`));
  assert.doesNotMatch(html, /evil\.example|<source srcset/);
});

test('without the images found, an uploaded image is a plain img of its fallback', () => {
  const { html } = renderMarkdown('![A clinic room](/media/0123456789abcdef)');
  assert.match(html, /<p><img src="\/media\/0123456789abcdef" alt="A clinic room" loading="lazy" decoding="async"><\/p>/);
});
