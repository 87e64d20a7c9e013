// Drives the coordinator's built-in viewer page (GET /) in headless Chromium, as a user would:
// Connect, watch frames, change a command control, read the message list, Disconnect.
// With --audio (a model with an audio output): Connect, and listen to the page's <audio> instead.
//   node viewer-page.mjs --api http://10.203.0.1:PORT [--audio]    (inside scripts/netns-run)
// Prints progress lines, then one line "RESULT <json>"; exits non-zero on failure.
import { launchChromium, options, runDriver, sleep } from './browser.mjs';

const { opt } = options();
const api = opt('--api');
const chromium = opt('--chromium') ?? '/usr/bin/chromium';
const audioOnly = process.argv.includes('--audio');
if (!api) { console.error('usage: node viewer-page.mjs --api URL [--audio]'); process.exit(2); }
const log = (...m) => console.log('[viewer]', ...m);

async function until(page, fn, arg, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await page.evaluate(fn, arg)) return;
    await sleep(100);
  }
  const state = await page.evaluate(() => ({ status: document.getElementById('status').textContent,
    log: document.getElementById('log').textContent.slice(0, 500) }));
  throw new Error('timed out waiting for ' + what + ': ' + JSON.stringify(state));
}

await runDriver(async resources => {
  resources.browser = await launchChromium(chromium);
  const page = await resources.browser.newPage();
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
  if (audioOnly) return await listen(page);
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
  return { ...size, controls, frames: await page.evaluate(() => window.presented) };
});

// The level of what the page's <audio> plays (a WebAudio analyser on its stream), then Disconnect.
async function listen(page) {
  await until(page, () => document.getElementById('audio').srcObject?.getAudioTracks().length > 0, null, 10000,
    'an audio track on the page\'s <audio>');
  await page.evaluate(() => {
    const context = new AudioContext();
    const analyser = context.createAnalyser();
    context.createMediaStreamSource(document.getElementById('audio').srcObject).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    window.peakRms = 0;
    setInterval(() => {
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const x of samples) sum += x * x;
      window.peakRms = Math.max(window.peakRms, Math.sqrt(sum / samples.length));
    }, 20);
  });
  await until(page, () => window.peakRms > 0.02, null, 10000, 'the model\'s sound on the page');
  const peakRms = await page.evaluate(() => window.peakRms);
  log('heard the model at peak RMS', peakRms.toFixed(3));
  await page.click('#disconnect');
  await until(page, () => document.getElementById('status').textContent === 'disconnected', null, 10000, 'disconnected');
  return { peakRms, frames: await page.evaluate(() => window.presented) };
}
