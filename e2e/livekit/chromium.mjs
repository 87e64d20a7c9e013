// Headless Debian Chromium (never a downloaded browser) for the LiveKit e2e scripts (run.mjs, media.mjs,
// cycles.mjs): a fresh profile, the flags every script needs, and the one line RESULT {json} the Java
// test reads, printed whatever happened; the script always exits.
import puppeteer from 'puppeteer-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Launches Chromium with `extraArgs` and runs `use(browser)`; what it returns goes into the outcome
// ({ ok: true, ...returned }), a throw becomes { ok: false, error }. Prints RESULT {outcome}, removes the
// profile and exits 0 or 1.
export async function runWithChromium(extraArgs, use) {
  const profile = mkdtempSync(join(tmpdir(), 'reactor-e2e-chromium-'));
  let browser;
  let outcome = { ok: false };
  try {
    browser = await puppeteer.launch({
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless: true,
      userDataDir: profile,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync',
        '--autoplay-policy=no-user-gesture-required', ...extraArgs],
    });
    outcome = { ok: true, ...(await use(browser)) };
  } catch (e) {
    outcome = { ok: false, error: String(e && e.stack || e) };
  } finally {
    if (browser) await browser.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
  console.log('RESULT ' + JSON.stringify(outcome));
  process.exit(outcome.ok ? 0 : 1);
}
