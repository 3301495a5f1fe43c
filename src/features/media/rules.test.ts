import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderMarkdown } from '#src/content/markdown.ts';
import { fallbackWidth, imageMarkdown, variantWidths } from './rules.ts';

test('widths: the standard ones that fit, the own width when notably wider, never enlarged, never taller than 4800 px', () => {
  const cases: [number, number[]][] = [
    [120, [120]],
    [479, [479]],
    [480, [480]],
    [560, [480]],
    [577, [480, 577]],
    [960, [480, 960]],
    [1000, [480, 960]],
    [1500, [480, 960, 1500]],
    [1600, [480, 960, 1600]],
    [4000, [480, 960, 1600]],
  ];
  for (const [width, widths] of cases) assert.deepEqual(variantWidths(width, Math.round(width * 0.66)), widths, String(width));
  assert.deepEqual(variantWidths(20000, 10), [480, 960, 1600], 'a panorama');
  assert.deepEqual(variantWidths(1000, 10000), [480], 'a long infographic: 480 × 4800');
  assert.deepEqual(variantWidths(1200, 6000), [480, 960], '960 × 4800');
  assert.deepEqual(variantWidths(10, 20000), [2], 'a thread of pixels, still no taller than 4800');
});

test('the fallback is the largest width up to 960', () => {
  assert.equal(fallbackWidth([480, 960, 1600]), 960);
  assert.equal(fallbackWidth([480, 800]), 800);
  assert.equal(fallbackWidth([300]), 300);
});

test('the Markdown escapes what would be markup in the alt text', () => {
  assert.equal(imageMarkdown('A *bold* [claim] <b> & \\ `x` !', '/media/0123456789abcdef'), '![A \\*bold\\* \\[claim\\] \\<b\\> \\& \\\\ \\`x\\` \\!](/media/0123456789abcdef)');
  assert.equal(imageMarkdown('مریض اور ڈاکٹر', '/media/0123456789abcdef'), '![مریض اور ڈاکٹر](/media/0123456789abcdef)');
  // Rendered, the alt text reads exactly as typed.
  for (const alt of ['A *bold* [claim] <b> & \\ `x` !', '_under_ score ](x) [y]: z', 'Chest X-ray & ECG, 2 of 3']) {
    const { html } = renderMarkdown(imageMarkdown(alt, '/media/0123456789abcdef'));
    const shown = /alt="([^"]*)"/.exec(html)?.[1]?.replace(/&#x3C;/g, '<').replace(/&#x26;|&amp;/g, '&').replace(/&#x3E;|&gt;/g, '>').replace(/&#x60;/g, '`');
    assert.equal(shown, alt, html);
  }
});
