// Drives the coordinator's built-in viewer page (GET /) in headless Chromium, as a user would:
// Connect, watch frames, change a command control, read the message list, Disconnect.
//   node viewer-page.mjs --api http://10.203.0.1:PORT     (inside scripts/netns-run)
// Prints progress lines, then one line "RESULT <json>"; exits non-zero on failure.
import fs from 'node:fs';
import puppeteer from 'puppeteer-core';

const args = process.argv.slice(2);
const opt = name => { const i = args.indexOf(name); return i < 0 ? undefined : args[i + 1]; };
const api = opt('--api');
const chromium = opt('--chromium') ?? '/usr/bin/chromium';
if (!api) { console.error('usage: node viewer-page.mjs --api URL'); process.exit(2); }
const log = (...m) => console.log('[viewer]', ...m);

async function until(page, fn, arg, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await page.evaluate(fn, arg)) return;
    await new Promise(r => setTimeout(r, 100));
  }
  const state = await page.evaluate(() => ({ status: document.getElementById('status').textContent,
    log: document.getElementById('log').textContent.slice(0, 500) }));
  throw new Error('timed out waiting for ' + what + ': ' + JSON.stringify(state));
}

let browser, code = 0;
try {
  browser = await puppeteer.launch({
    executablePath: chromium, headless: true, userDataDir: fs.mkdtempSync('/tmp/reactor-chromium-'),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--autoplay-policy=no-user-gesture-required'],
  });
  const page = await browser.newPage();
  page.on('console', m => { if (m.type() === 'error') log('page error:', m.text()); });
  await page.goto(api + '/');
  // Count decoded frames the way a user sees them: presented video frames.
  await page.evaluate(() => {
    window.presented = 0;
    const v = document.getElementById('video');
    const tick = () => { window.presented++; v.requestVideoFrameCallback(tick); };
    v.requestVideoFrameCallback(tick);
  });
  await page.click('#connect');
  await until(page, () => document.getElementById('status').textContent === 'connected', null, 20000, 'connected');
  await until(page, () => window.presented >= 30, null, 20000, '30 presented frames');
  const size = await page.evaluate(() => ({ videoWidth: document.getElementById('video').videoWidth,
    videoHeight: document.getElementById('video').videoHeight }));
  log('playing', JSON.stringify(size));
  // The command controls are generated from the model's schema: a select for set_palette.
  const controls = await page.evaluate(() => [...document.querySelectorAll('#controls legend')].map(l => l.textContent));
  await page.evaluate(() => {
    const set = [...document.querySelectorAll('#controls fieldset')].find(f => f.querySelector('legend').textContent === 'set_palette');
    const select = set.querySelector('select');
    select.value = 'neon';
    select.dispatchEvent(new Event('input'));
  });
  await until(page, () => document.getElementById('log').textContent.includes('"palette":"neon"'), null, 10000,
    'the model\'s state message after the palette control changed');
  await until(page, () => document.getElementById('log').textContent.includes('"type":"progress"'), null, 10000,
    'a progress message');
  await page.click('#disconnect');
  await until(page, () => document.getElementById('status').textContent === 'disconnected', null, 10000, 'disconnected');
  console.log('RESULT ' + JSON.stringify({ ok: true, ...size, controls,
    frames: await page.evaluate(() => window.presented) }));
} catch (e) {
  console.log('RESULT ' + JSON.stringify({ ok: false, error: String(e && e.stack || e) }));
  code = 1;
} finally {
  if (browser) await browser.close().catch(() => {});
}
process.exit(code);
