/**
 * The browser the end-to-end tests drive: Debian's chromium (playwright-core cannot download one
 * here), installed by `npm test` when missing. CHROMIUM_PATH points the tests at another one.
 */
import fs from 'node:fs';
import { ensureDebianPackages } from './apt.js';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function ensureChromium(): void {
  ensureDebianPackages({
    what: 'Chromium (for the browser tests)', packages: ['chromium'],
    present: () => fs.existsSync(CHROMIUM_PATH),
    otherwise: 'or set CHROMIUM_PATH to a Chromium binary',
  });
}

/** pdftoppm (poppler-utils): the report test renders Chromium's PDF to check it is not blank. */
export function ensurePdftoppm(): void {
  ensureDebianPackages({
    what: 'pdftoppm (for the printed report test)', packages: ['poppler-utils'],
    present: () => fs.existsSync('/usr/bin/pdftoppm'),
    otherwise: 'the printed report test is then skipped',
  });
}
