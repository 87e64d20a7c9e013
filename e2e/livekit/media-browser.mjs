// What the two-way media scripts (media.mjs, cycles.mjs) share: Chromium with a fake camera and
// microphone played from files, viewer pages of page/media.html, and bounded waits on the page.
import { runWithChromium, sleep } from './chromium.mjs';

export { sleep };

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

// Runs `scenario({ config, log, open })` with the config JSON of argv[2]; what it returns is the
// RESULT's `result`. open(token, single) loads one viewer page (single: the one-connection signaling
// dialect) and waits until it has connected or failed.
export async function runMediaScenario(name, scenario) {
  const config = JSON.parse(process.argv[2]);
  const log = (...m) => console.log(`[${name}]`, ...m);
  const origin = new URL(config.page).origin;
  await runWithChromium(['--disable-background-timer-throttling',
    '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows',
    '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
    // getUserMedia needs a secure context; the test page is plain http on the namespace address.
    `--unsafely-treat-insecure-origin-as-secure=${origin}`,
    `--use-file-for-fake-video-capture=${config.videoFile}`,
    `--use-file-for-fake-audio-capture=${config.audioFile}`], async (browser) => {
    const open = async (token, single) => {
      const page = await browser.newPage();
      page.on('console', (m) => { if (m.type() === 'error') log('page error:', m.text()); });
      const query = new URLSearchParams({ url: config.url, token, single: single ? '1' : '0' });
      await page.goto(`${config.page}?${query}`);
      await until(page, () => window.result.state !== 'starting', null, 20000, 'connect');
      return page;
    };
    return { result: await scenario({ config, log, open }) };
  });
}
