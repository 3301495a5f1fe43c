// Run by find-browser.ts with TMPDIR set to a fresh folder: @sparticuz/chromium unpacks into os.tmpdir(), so
// everything lands there. It reads only files inside the package; nothing is downloaded.
import Chromium, { inflate } from '@sparticuz/chromium';
import { fileURLToPath } from 'node:url';

// The binary, its fonts and its software GL (the package's own steps)...
await Chromium.executablePath();
// ...and NSS and expat, which the package unpacks only on Amazon Linux but a bare Debian lacks too.
await inflate(fileURLToPath(new URL('../bin/al2023.tar.br', import.meta.resolve('@sparticuz/chromium'))));
