import { escapeHtml } from '#src/web/html.ts';

interface Pattern {
  re: RegExp;
  href: (match: RegExpExecArray) => string;
}

// Identifiers a clinician writes in a reference, turned into links to the registry that owns them.
const patterns: Pattern[] = [
  { re: /PMID:?\s*(\d{1,9})/y, href: (m) => `https://pubmed.ncbi.nlm.nih.gov/${m[1]}/` },
  { re: /doi:\s*(10\.\d{4,9}\/[^\s"<>]+[^\s"<>.,;])/iy, href: (m) => `https://doi.org/${m[1]}` },
  { re: /\b(NCT\d{8})\b/y, href: (m) => `https://clinicaltrials.gov/study/${m[1]}` },
  { re: /https?:\/\/[^\s"<>]+[^\s"<>.,;)]/y, href: (m) => m[0] },
];

/** Escapes a reference's text and links the PubMed IDs, DOIs, NCT numbers and URLs in it. */
export function linkReference(text: string): string {
  let out = '';
  let plain = '';
  let i = 0;
  outer: while (i < text.length) {
    for (const p of patterns) {
      p.re.lastIndex = i;
      const m = p.re.exec(text);
      if (m) {
        out += escapeHtml(plain) + `<a href="${escapeHtml(p.href(m))}" rel="noopener">${escapeHtml(m[0])}</a>`;
        plain = '';
        i += m[0].length;
        continue outer;
      }
    }
    plain += text[i];
    i += 1;
  }
  return out + escapeHtml(plain);
}
