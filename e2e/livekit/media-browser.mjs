// What the two-way media scripts (media.mjs, cycles.mjs) share: headless Debian Chromium (never a
// downloaded browser) with a fake camera and microphone played from files, viewer pages of
// page/media.html, bounded waits on the page, and the one line RESULT {json} the Java test reads.
import puppeteer from 'puppeteer-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Polls fn(arg) in the page until it is true; on timeout the error carries the page's window.result.
export async function until(page, fn, arg, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await page.evaluate(fn, arg)) return;
    await sleep(200);
  }
  const r = await page.evaluate(() => window.result);
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify(r).slice(0, 3000)}`);
}

// The latest data message of `type` the model sent to this page, or null.
export const lastMessage = (page, type) =>
  page.evaluate((t) => window.lk.messages(t).slice(-1)[0] || null, type);

function launch(config, profile) {
  const origin = new URL(config.page).origin;
  return puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    userDataDir: profile,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--autoplay-policy=no-user-gesture-required', '--disable-background-timer-throttling',
      '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows',
      '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
      // getUserMedia needs a secure context; the test page is plain http on the namespace address.
      `--unsafely-treat-insecure-origin-as-secure=${origin}`,
      `--use-file-for-fake-video-capture=${config.videoFile}`,
      `--use-file-for-fake-audio-capture=${config.audioFile}`],
  });
}

// Runs `scenario({ config, log, open })` with the config JSON of argv[2] in a fresh browser profile,
// prints RESULT {ok, result} (or {ok: false, error}), removes the profile and exits 0 or 1.
// open(token, single) loads one viewer page (single: the one-connection signaling dialect) and
// waits until it has connected or failed.
export async function runMediaScenario(name, scenario) {
  const config = JSON.parse(process.argv[2]);
  const log = (...m) => console.log(`[${name}]`, ...m);
  const profile = mkdtempSync(join(tmpdir(), 'reactor-e2e-chromium-'));
  let browser;
  let outcome = { ok: false };
  const open = async (token, single) => {
    const page = await browser.newPage();
    page.on('console', (m) => { if (m.type() === 'error') log('page error:', m.text()); });
    const query = new URLSearchParams({ url: config.url, token, single: single ? '1' : '0' });
    await page.goto(`${config.page}?${query}`);
    await until(page, () => window.result.state !== 'starting', null, 20000, 'connect');
    return page;
  };
  try {
    browser = await launch(config, profile);
    outcome = { ok: true, result: await scenario({ config, log, open }) };
  } catch (e) {
    outcome = { ok: false, error: String(e && e.stack || e) };
  } finally {
    if (browser) await browser.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
  console.log('RESULT ' + JSON.stringify(outcome));
  process.exit(outcome.ok ? 0 : 1);
}
