// Finds a Chromium for the browser tests and for Lighthouse, so that `npm install && npm test` needs nothing
// outside npm. Order: CHROME_PATH (which must exist), the system's Chromium or Chrome, then the Chromium that
// ships compressed inside the npm package @sparticuz/chromium (unpacked once into the temp dir).
// CARESITE_BROWSER=system or =bundled uses only that source: `bundled` proves the fallback on a machine that
// has Chromium installed.
import { execFile } from 'node:child_process';
import { existsSync, lstatSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The flags every run uses: no GPU, no sandbox (CI runs as root), and no request that leaves the machine. */
export const chromeFlags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export const systemPaths = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

export interface FoundBrowser {
  readonly source: 'CHROME_PATH' | 'system' | 'bundled';
  readonly executablePath: string;
  /** Variables to add to the browser's environment (the bundled one brings its own libraries). */
  readonly env: Readonly<Record<string, string>>;
}

export interface FindOptions {
  readonly env?: NodeJS.ProcessEnv;
  readonly systemPaths?: readonly string[];
}

const howToGetOne =
  'Get one with `npm install` (it installs @sparticuz/chromium, Linux x64), `apt-get install -y chromium`, or set CHROME_PATH=/path/to/chrome.';

/** The browser to use, or an error saying what was tried and how to get one; it never returns nothing. */
export async function findBrowser(options: FindOptions = {}): Promise<FoundBrowser> {
  const env = options.env ?? process.env;
  const mode = env.CARESITE_BROWSER ?? '';
  if (!['', 'system', 'bundled'].includes(mode)) throw new Error(`CARESITE_BROWSER is "${mode}": use system, bundled or leave it unset`);
  if (mode === 'bundled') return bundled();

  const chromePath = env.CHROME_PATH;
  if (chromePath) {
    if (!existsSync(chromePath)) throw new Error(`CHROME_PATH is ${chromePath}, which does not exist. Unset it to let the tests find a browser. ${howToGetOne}`);
    return { source: 'CHROME_PATH', executablePath: chromePath, env: {} };
  }
  const paths = options.systemPaths ?? systemPaths;
  const system = paths.find((p) => existsSync(p));
  if (system) return { source: 'system', executablePath: system, env: {} };
  if (mode === 'system') throw new Error(`CARESITE_BROWSER=system, but none of ${paths.join(', ') || 'no path'} exists. ${howToGetOne}`);

  try {
    return await bundled();
  } catch (err) {
    throw new Error(`No browser for the browser tests: CHROME_PATH is unset, there is no system browser (looked at ${paths.join(', ') || 'no path'}), and ${(err as Error).message}`, { cause: err });
  }
}

/** @sparticuz/chromium's entry point, or why it cannot be used here. */
function bundledEntry(): URL {
  if (process.platform !== 'linux' || process.arch !== 'x64') throw new Error(`the npm Chromium (@sparticuz/chromium) only runs on Linux x64, not ${process.platform} ${process.arch}. ${howToGetOne}`);
  try {
    return new URL(import.meta.resolve('@sparticuz/chromium'));
  } catch {
    throw new Error(`the npm package @sparticuz/chromium is not installed. ${howToGetOne}`);
  }
}

/** The npm Chromium, unpacked into a folder of this user's in the temp dir on first use (about a second). */
async function bundled(): Promise<FoundBrowser> {
  const entry = bundledEntry();
  const { version } = JSON.parse(readFileSync(new URL('../package.json', entry), 'utf8')) as { version: string };
  const dir = join(tmpdir(), `caresite-chromium-${version}-${process.getuid?.() ?? 0}`);
  if (!existsSync(join(dir, 'chromium'))) await unpack(dir);
  // The temp dir is shared: run nothing that another user could have put there.
  if (lstatSync(dir).uid !== process.getuid?.() || lstatSync(dir).isSymbolicLink()) throw new Error(`${dir} is not this user's: remove it and run again`);
  return { source: 'bundled', executablePath: join(dir, 'chromium'), env: bundledEnv(dir) };
}

/**
 * Unpacks into a fresh folder, then renames it into place: two test files start at once, and neither may
 * launch a half-written binary. The package unpacks into os.tmpdir(), hence a child process with TMPDIR set.
 */
async function unpack(dir: string): Promise<void> {
  const staging = mkdtempSync(join(tmpdir(), 'caresite-chromium-unpack-'));
  try {
    await new Promise<void>((resolve, reject) => {
      const script = fileURLToPath(new URL('unpack-chromium.ts', import.meta.url));
      execFile(process.execPath, [script], { env: { ...process.env, TMPDIR: staging } }, (error, _stdout, stderr) =>
        error ? reject(new Error(`unpacking @sparticuz/chromium failed: ${error.message}\n${stderr}`)) : resolve(),
      );
    });
    writeFileSync(join(staging, 'fonts.conf'), fontsConf(dir));
    renameSync(staging, dir);
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    // Another process renamed its copy into place first: use that one.
    if (existsSync(join(dir, 'chromium'))) return;
    throw err;
  }
}

/** The bundled binary links NSS and expat, which a bare machine lacks: the package ships them (built for Amazon Linux). */
function bundledEnv(dir: string): Record<string, string> {
  const libs = [join(dir, 'al2023', 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  // With no fontconfig set-up on the machine, text would have no font at all: use the package's Open Sans.
  const noSystemFonts = !existsSync('/etc/fonts/fonts.conf') && !process.env.FONTCONFIG_FILE && !process.env.FONTCONFIG_PATH;
  return { LD_LIBRARY_PATH: libs, ...(noSystemFonts ? { FONTCONFIG_FILE: join(dir, 'fonts.conf') } : {}) };
}

/** The package's own fonts.conf names /tmp/fonts; this one names where the fonts are, plus the usual system folders. */
function fontsConf(dir: string): string {
  const dirs = [join(dir, 'fonts', 'fonts'), '/usr/share/fonts', '/usr/local/share/fonts'].map((d) => `  <dir>${d}</dir>`).join('\n');
  return `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n${dirs}\n  <cachedir>${join(dir, 'fonts-cache')}</cachedir>\n</fontconfig>\n`;
}
