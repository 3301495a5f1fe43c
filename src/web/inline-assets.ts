import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/*
 * The public stylesheet, the public script and the icon, written into every public page instead of
 * linked. Each linked file was a request of its own before the page's main text showed: on a slow
 * phone network a new connection and a round trip each, and the first paint waited for the
 * stylesheet. All three are small (about 4 KB compressed together), so they go in whole: no
 * per-page "critical CSS" to keep in step, and no flash of unstyled content.
 *
 * The Content-Security-Policy allows exactly this style and this script by their hashes
 * (`style-src 'self' <styleHash>`, `script-src 'self' <scriptHash>`): public pages are the same
 * for every reader and cached, so hashes worked out once at start are right, and no nonce is needed.
 * The dashboard still links the files (src/http/assets.ts serves them).
 */

const read = (file: string) => readFileSync(new URL(`./static/${file}`, import.meta.url), 'utf8');

/** Comments and runs of white space dropped; strings ("›", " (") kept exactly as written. */
export function minifyCss(css: string): string {
  // Comments and string literals are found in one pass, so that a quote inside a comment or "/*" inside a string is not mistaken for the other.
  const token = /\/\*[\s\S]*?\*\/|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g;
  const shrink = (code: string) =>
    code
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>])\s*/g, '$1')
      // A selector never has a space after a colon, so this only touches declarations.
      .replace(/:\s+/g, ':')
      .replace(/;}/g, '}');
  let out = '';
  let code = '';
  let last = 0;
  for (const match of css.matchAll(token)) {
    code += css.slice(last, match.index);
    last = match.index + match[0].length;
    if (match[0].startsWith('/*')) {
      code += ' ';
      continue;
    }
    out += shrink(code) + match[0];
    code = '';
  }
  return (out + shrink(code + css.slice(last))).trim();
}

const sourceHash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The text between <style> and </style>, exactly: the hash is of these characters. */
export const publicStyle: string = minifyCss(read('app.css'));

/**
 * The script with its comment lines and indentation left out: they are a quarter of the file, and
 * every public page carries it. Line breaks are kept, so no statement can run into the next one
 * (semicolon insertion reads the code as before). Safe only while no string spans lines: the file
 * has no template literal, and minifyJs refuses one.
 */
export function minifyJs(js: string): string {
  if (js.includes('`')) throw new Error('app.js must not contain a template literal (a line of it could be taken for a comment) to be inlined');
  return js
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//'))
    .join('\n');
}

/** The text between <script type="module"> and </script>, exactly (the file as written, less its comment lines and indentation). */
export const publicScript: string = minifyJs(read('app.js'));
// Inline, these would end the element early (or start a comment state the parser keeps): refuse to start rather than serve broken pages.
if (/<\/script|<!--/i.test(publicScript)) throw new Error('app.js must not contain "</script" or "<!--" to be inlined');
if (/<\/style/i.test(publicStyle)) throw new Error('app.css must not contain "</style" to be inlined');

/** The icon as a data: address (CSP img-src allows data:), so the browser asks for no icon file. */
export const iconDataUrl = `data:image/svg+xml,${encodeURIComponent(read('favicon.svg').trim())}`;

/** The CSP sources, quotes included (`'sha256-…'`), that allow the inline style and script. */
export const inlineHashes: { readonly style: string; readonly script: string } = {
  style: sourceHash(publicStyle),
  script: sourceHash(publicScript),
};
