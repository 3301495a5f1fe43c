import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { linkReference } from './references.ts';

test('PubMed IDs, DOIs, NCT numbers and URLs become links', () => {
  const html = linkReference('Brown RH. ALS. N Engl J Med. 2017. doi:10.1056/NEJMra1603471. PMID: 28700839. Trial NCT01234567, see https://example.org/a.');
  assert.match(html, /<a href="https:\/\/doi.org\/10.1056\/NEJMra1603471" rel="noopener">doi:10.1056\/NEJMra1603471<\/a>\./);
  assert.match(html, /<a href="https:\/\/pubmed.ncbi.nlm.nih.gov\/28700839\/" rel="noopener">PMID: 28700839<\/a>/);
  assert.match(html, /<a href="https:\/\/clinicaltrials.gov\/study\/NCT01234567" rel="noopener">NCT01234567<\/a>/);
  assert.match(html, /<a href="https:\/\/example.org\/a" rel="noopener">https:\/\/example.org\/a<\/a>\./);
});

test('reference text is escaped', () => {
  assert.equal(linkReference('<b>"x"</b> & y'), '&lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; y');
});

test('any text comes out with no raw tag characters outside the links it makes', () => {
  fc.assert(
    fc.property(fc.string(), (s) => {
      const stripped = linkReference(s).replace(/<a href="[^"<>]*" rel="noopener">[^<>]*<\/a>/g, '');
      assert.doesNotMatch(stripped, /[<>]/);
    }),
  );
});
