import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { referenceHtml } from '#src/features/articles/views.ts';
import { referenceParts } from './references.ts';

const rendered = (text: string) => referenceHtml(referenceParts(text));

test('PubMed IDs, DOIs, NCT numbers and URLs are read as links, the rest as text', () => {
  assert.deepEqual(referenceParts('Brown RH. doi:10.1056/NEJMra1603471. PMID: 28700839. Trial NCT01234567, see https://example.org/a.'), [
    { text: 'Brown RH. ' },
    { text: 'doi:10.1056/NEJMra1603471', href: 'https://doi.org/10.1056/NEJMra1603471' },
    { text: '. ' },
    { text: 'PMID: 28700839', href: 'https://pubmed.ncbi.nlm.nih.gov/28700839/' },
    { text: '. Trial ' },
    { text: 'NCT01234567', href: 'https://clinicaltrials.gov/study/NCT01234567' },
    { text: ', see ' },
    { text: 'https://example.org/a', href: 'https://example.org/a' },
    { text: '.' },
  ]);
  assert.deepEqual(referenceParts(''), []);
});

test('the article view renders them as links', () => {
  const html = rendered('Brown RH. ALS. N Engl J Med. 2017. doi:10.1056/NEJMra1603471. PMID: 28700839. Trial NCT01234567, see https://example.org/a.');
  assert.match(html, /<a href="https:\/\/doi.org\/10.1056\/NEJMra1603471" rel="noopener">doi:10.1056\/NEJMra1603471<\/a>\./);
  assert.match(html, /<a href="https:\/\/pubmed.ncbi.nlm.nih.gov\/28700839\/" rel="noopener">PMID: 28700839<\/a>/);
  assert.match(html, /<a href="https:\/\/clinicaltrials.gov\/study\/NCT01234567" rel="noopener">NCT01234567<\/a>/);
  assert.match(html, /<a href="https:\/\/example.org\/a" rel="noopener">https:\/\/example.org\/a<\/a>\./);
});

test('reference text is escaped, in the text and in a link', () => {
  assert.equal(rendered(`<b>"x"</b> & y'`), '&#60;b&#62;&#34;x&#34;&#60;/b&#62; &#38; y&#39;');
  // A URL stops at < > and ", but & and ' in one are escaped where they stand.
  assert.equal(rendered(`https://example.org/?a=1&b='2'`), '<a href="https://example.org/?a&#61;1&#38;b&#61;&#39;2&#39;" rel="noopener">https://example.org/?a&#61;1&#38;b&#61;&#39;2&#39;</a>');
});

test('any text comes out with no raw tag characters outside the links it makes, and reads back as the text', () => {
  fc.assert(
    fc.property(fc.string(), (s) => {
      const html = rendered(s);
      const stripped = html.replace(/<a href="[^"<>]*" rel="noopener">[^<>]*<\/a>/g, '');
      assert.doesNotMatch(stripped, /[<>]/);
      assert.equal(referenceParts(s).map((p) => p.text).join(''), s, 'no character is lost or added');
    }),
  );
});
