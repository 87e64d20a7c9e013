// Two-way media through the media server (:7880) with the unmodified livekit-client in headless
// Debian Chromium, fake camera and microphone from files (--use-file-for-fake-*-capture). Against
// examples/webcam-mirror: viewer A publishes webcam + mic and reads the model's input_stats /
// audio_stats and hears its audio; viewer B (the other signaling dialect) publishing the same input
// is refused; A unpublishes its camera and the model sees it stop. Prints one line RESULT {json};
// the Java test (LiveKitMediaBrowserTest) makes the assertions.
//
// usage: node media.mjs '{"page":"http://10.203.0.2:P/media.html","url":"ws://10.203.0.1:7880",
//                         "tokens":["…","…"],"videoFile":"/tmp/camera.y4m","audioFile":"/tmp/tone.wav"}'
import puppeteer from 'puppeteer-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const config = JSON.parse(process.argv[2]);
const profile = mkdtempSync(join(tmpdir(), 'reactor-e2e-chromium-'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...m) => console.log('[media]', ...m);
let browser;
let outcome = { ok: false };

async function until(page, fn, arg, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await page.evaluate(fn, arg)) return;
    await sleep(200);
  }
  const r = await page.evaluate(() => window.result);
  throw new Error(`timed out waiting for ${what}: ${JSON.stringify(r).slice(0, 3000)}`);
}

async function open(token, single) {
  const page = await browser.newPage();
  page.on('console', (m) => { if (m.type() === 'error') log('page error:', m.text()); });
  const query = new URLSearchParams({ url: config.url, token, single: single ? '1' : '0' });
  await page.goto(`${config.page}?${query}`);
  await until(page, () => window.result.state !== 'starting', null, 20000, 'connect');
  return page;
}

const lastMessage = (page, type) => page.evaluate((t) => window.lk.messages(t).slice(-1)[0] || null, type);

try {
  const origin = new URL(config.page).origin;
  browser = await puppeteer.launch({
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
  const r = {};
  const a = await open(config.tokens[0], true);
  r.a = await a.evaluate(() => ({ ...window.result }));
  if (r.a.state !== 'connected') throw new Error('viewer A did not connect: ' + JSON.stringify(r.a));
  await until(a, () => window.result.subscribed.length >= 2 && window.lk.meanColour() !== null, null, 20000,
    'the model video and audio');
  r.waitingColour = await a.evaluate(() => window.lk.meanColour());
  r.localTracks = await a.evaluate(() => window.lk.publish());
  log('A published its camera and microphone');
  await until(a, () => window.lk.messages('input_stats').some((m) => m.frames >= 30), null, 30000, 'input_stats');
  await until(a, () => window.lk.messages('audio_stats').some((m) => m.rms > 0.05), null, 30000, 'audio_stats');
  await until(a, () => (window.lk.audioLevel()?.peakRms ?? 0) > 0.01, null, 20000, 'the model audio in the page');
  await sleep(1000);
  r.inputStats = await lastMessage(a, 'input_stats');
  r.audioStats = await lastMessage(a, 'audio_stats');
  r.pageAudio = await a.evaluate(() => window.lk.audioLevel());
  r.mirroredColour = await a.evaluate(() => window.lk.meanColour());
  // B, on the two-connection dialect, publishes the same inputs: first publisher wins.
  const b = await open(config.tokens[1], false);
  r.bState = (await b.evaluate(() => window.result)).state;
  await b.evaluate(() => window.lk.publish());
  await until(b, () => window.lk.runtimeErrors().length >= 2, null, 20000, 'the refusal of B');
  r.refusals = await b.evaluate(() => window.lk.runtimeErrors());
  r.bPublished = await b.evaluate(() => window.result.published);
  await b.evaluate(() => window.lk.leave());
  // A unpublishes its camera: the model reports it not live, receives no frame after that (its
  // first "not live" report and the two after it carry one count), and shows its waiting card again.
  // Counted in the model's reports, so a slow machine only makes the wait longer.
  await a.evaluate(() => window.lk.unpublish('video'));
  // The model's reports after its last "live" one (it also said "not live" before the publish).
  const reportsSinceEnd = () => a.evaluate(() => {
    const reports = window.lk.messages('input_stats');
    const lastLive = reports.map((m) => m.live === true).lastIndexOf(true);
    return lastLive < 0 ? [] : reports.slice(lastLive + 1);
  });
  const endDeadline = Date.now() + 30000;
  let reports;
  while ((reports = await reportsSinceEnd()).length < 3) {
    if (Date.now() > endDeadline) {
      throw new Error('the model did not report its webcam not live, then two more input_stats: '
        + JSON.stringify(await lastMessage(a, 'input_stats')));
    }
    await sleep(200);
  }
  r.framesAtUnpublish = reports[0].frames;
  r.reportsAfterUnpublish = reports.slice(1);
  r.afterUnpublish = reports[reports.length - 1];
  // The card reaches the page a moment after the model draws it: wait for a dark picture (20 s at most).
  const cardDeadline = Date.now() + 20000;
  for (;;) {
    r.waitingAgainColour = await a.evaluate(() => window.lk.meanColour());
    if (r.waitingAgainColour?.[0] < 100 || Date.now() > cardDeadline) break;
    await sleep(200);
  }
  const final = await a.evaluate(() => window.result);
  r.published = final.published;
  r.publishErrors = final.publishErrors;
  r.subscribed = final.subscribed;
  r.reconnects = final.reconnects;
  await a.evaluate(() => window.lk.leave());
  await sleep(300);
  outcome = { ok: true, result: r };
} catch (e) {
  outcome = { ok: false, error: String(e && e.stack || e) };
} finally {
  if (browser) await browser.close().catch(() => {});
  rmSync(profile, { recursive: true, force: true });
}
console.log('RESULT ' + JSON.stringify(outcome));
process.exit(outcome.ok ? 0 : 1);
