/**
 * A reference as a clinician wrote it, read into plain text and links: the PubMed IDs, DOIs, NCT
 * numbers and URLs in it point at the registry that owns them. Data only; the article view turns it
 * into HTML with the escaping template.
 */

export interface ReferenceLink {
  /** The identifier as written, shown as the link's text. */
  text: string;
  href: string;
}

/** A run of plain text, or a link. */
export type ReferencePart = { text: string } | ReferenceLink;

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

function linkAt(text: string, i: number): ReferenceLink | undefined {
  for (const p of patterns) {
    p.re.lastIndex = i;
    const m = p.re.exec(text);
    if (m) return { text: m[0], href: p.href(m) };
  }
  return undefined;
}

/** The reference's text in order, with each identifier it names as a link. */
export function referenceParts(text: string): ReferencePart[] {
  const parts: ReferencePart[] = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const link = linkAt(text, i);
    if (link) {
      if (plain) parts.push({ text: plain });
      parts.push(link);
      plain = '';
      i += link.text.length;
    } else {
      plain += text[i];
      i += 1;
    }
  }
  if (plain) parts.push({ text: plain });
  return parts;
}

export function isLink(part: ReferencePart): part is ReferenceLink {
  return 'href' in part;
}
