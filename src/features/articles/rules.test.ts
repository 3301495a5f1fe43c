import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { foldForSearch } from '#src/db/search-folding.ts';
import { MARK_END, MARK_START, pageCount, parseVideo, reviewState, searchSnippet, searchTerms, termPrefix } from './rules.ts';

test('an article is overdue for review only after its next-review date', () => {
  assert.equal(reviewState('2026-11-25', '2026-11-25'), 'current');
  assert.equal(reviewState('2026-11-24', '2026-11-25'), 'overdue');
  assert.equal(reviewState('2027-01-01', '2026-11-25T23:59:00Z'), 'current');
});

test('YouTube and Vimeo links become privacy-friendly embeds; other links are refused', () => {
  for (const url of ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', 'https://youtu.be/dQw4w9WgXcQ', 'https://m.youtube.com/shorts/dQw4w9WgXcQ']) {
    assert.equal(parseVideo(url)?.embedUrl, 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1', url);
  }
  assert.equal(parseVideo('https://vimeo.com/76979871')?.embedUrl, 'https://player.vimeo.com/video/76979871?autoplay=1&dnt=1');
  for (const url of ['https://example.org/watch?v=dQw4w9WgXcQ', 'not a url', 'https://www.youtube.com/watch?v=<script>', 'javascript:alert(1)']) {
    assert.equal(parseVideo(url), null, url);
  }
});

test('search keeps words only, so no query syntax reaches the engine', () => {
  assert.deepEqual(searchTerms('"ALS" OR riluzole* NEAR(x) -stem'), ['als', 'or', 'riluzole', 'near', 'stem']);
  assert.deepEqual(searchTerms('   '), []);
  assert.deepEqual(searchTerms('علامات اے ایل ایس'), ['علامات', 'اے', 'ایل', 'ایس']);
  fc.assert(fc.property(fc.string({ maxLength: 5000 }), (s) => {
    const terms = searchTerms(s);
    assert.ok(terms.length <= 12);
    for (const t of terms) assert.match(t, /^[\p{L}\p{N}\p{M}]{1,40}$/u);
  }));
});

test('search forgives how people type: no vowel marks, Arabic keyboards, one-letter fragments', () => {
  // رِلوزول with a zer is written رلوزول without it; ي ك ه from an Arabic keyboard are ی ک ہ in Urdu.
  assert.equal(foldForSearch('رِلوزول'), 'رلوزول');
  assert.equal(foldForSearch('ايل كمزوري هے'), 'ایل کمزوری ہے');
  assert.equal(foldForSearch('Parkinson’s disease, ALS'), 'Parkinson’s disease, ALS', 'Latin text is left alone');
  assert.deepEqual(searchTerms('رِلوزول'), searchTerms('رلوزول'));
  assert.deepEqual(searchTerms("Parkinson's"), ['parkinson'], 'the "s" would match every word starting with s');
  assert.deepEqual(searchTerms('a & b'), []);
  fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => assert.equal(foldForSearch(foldForSearch(s)), foldForSearch(s))));
});

test('page count is at least one', () => {
  assert.equal(pageCount(0), 1);
  assert.equal(pageCount(10), 1);
  assert.equal(pageCount(11), 2);
});

const marked = (snippet: string) => [...snippet.matchAll(new RegExp(`${MARK_START}([^${MARK_END}]*)${MARK_END}`, 'g'))].map((m) => m[1]);

test('a search term matches words it begins, allowing for the English endings the engines stem away', () => {
  assert.equal(termPrefix('muscles'), 'muscl');
  assert.equal(termPrefix('breathing'), 'breath');
  assert.equal(termPrefix('parkinsons'), 'parkinson');
  assert.equal(termPrefix('als'), 'als', 'too short to cut');
  assert.equal(termPrefix('Café'), 'caf', 'accents dropped, then the ending');
  assert.equal(termPrefix('کمزوری'), 'کمزوری', 'Urdu is matched as typed (already folded)');
});

test('a snippet shows the passage with the most searched words, marked, cut at words with an ellipsis', () => {
  const text = 'Intro sentence here. Muscles weaken slowly. Later on, breathing gets harder and breathing support helps. The end of the text follows with more words to read here and there.';
  assert.deepEqual(marked(searchSnippet(text, ['muscle'])), ['Muscles']);
  const both = searchSnippet(text, ['breathing', 'support'], 9);
  assert.equal(both, '…Later on, \u0002breathing\u0003 gets harder and \u0002breathing\u0003 \u0002support\u0003 helps…');
  assert.ok(searchSnippet(text, ['zzz'], 3) === 'Intro sentence here…', 'no match in the text (title or summary only): its beginning');
  assert.equal(searchSnippet('Parkinson’s disease', ['parkinsons']), '\u0002Parkinson\u0003’s disease', 'the possessive form is found');
  assert.deepEqual(marked(searchSnippet('a preamble, then Riluzole.', ['riluzole'])), ['Riluzole'], 'case-blind');
  assert.deepEqual(marked(searchSnippet('the mis-step and step', ['step'])), ['step', 'step'], 'only at the start of a word');
  assert.deepEqual(marked(searchSnippet('پٹھوں کی کمزوری عام ہے۔', ['کمزوری'])), ['کمزوری'], 'Urdu');
  assert.deepEqual(marked(searchSnippet('naïve approach', ['naive'])), ['naïve'], 'accents are ignored, as the engines ignore them');
});

test('snippets never contain a mark the view would turn into an unclosed tag, whatever the text and terms', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), fc.array(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 4 }), (text, words) => {
      const snippet = searchSnippet(text.replaceAll(MARK_START, '').replaceAll(MARK_END, ''), searchTerms(words.join(' ')));
      const marks = [...snippet].filter((c) => c === MARK_START || c === MARK_END).join('');
      assert.equal(marks, `${MARK_START}${MARK_END}`.repeat(marks.length / 2), JSON.stringify(snippet));
    }),
  );
});
