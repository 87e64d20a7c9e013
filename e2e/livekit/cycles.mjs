// Publish/unpublish cycles through the media server (:7880) with the unmodified livekit-client in
// headless Debian Chromium (fake camera and microphone from files), against examples/webcam-mirror.
// Viewer A connects, publishes and unpublishes webcam + mic once (warm-up), then `cycles` times in
// one page, then once more while the model reports what it sees; viewer B then publishes an input
// A holds and an undeclared one, and we record how livekit-client's publishTrack settles next to the
// runtime's refusal message. The Java test (LiveKitPublishCyclesBrowserTest) makes the assertions;
// at two steps ("warm", "cycled") this script writes <steps>/<step>.ready and waits for
// <steps>/<step>.go, so the test can count threads and native objects while A is still connected.
// Prints one line RESULT {json}.
//
// usage: node cycles.mjs '{"page":"http://10.203.0.2:P/media.html","url":"ws://10.203.0.1:7880",
//                          "tokens":["…","…"],"videoFile":"…","audioFile":"…","cycles":50,"steps":"/tmp/dir"}'
import puppeteer from 'puppeteer-core';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const config = JSON.parse(process.argv[2]);
const profile = mkdtempSync(join(tmpdir(), 'reactor-e2e-chromium-'));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (...m) => console.log('[cycles]', ...m);
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

// Hands over to the Java test at `step` and waits (bounded) until it is done looking.
async function step(name) {
  writeFileSync(join(config.steps, `${name}.ready`), '');
  const deadline = Date.now() + 90000;
  while (!existsSync(join(config.steps, `${name}.go`))) {
    if (Date.now() > deadline) throw new Error(`the test did not release step ${name}`);
    await sleep(100);
  }
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
      `--unsafely-treat-insecure-origin-as-secure=${origin}`,
      `--use-file-for-fake-video-capture=${config.videoFile}`,
      `--use-file-for-fake-audio-capture=${config.audioFile}`],
  });
  const r = {};
  const a = await open(config.tokens[0], true);
  const state = (await a.evaluate(() => window.result)).state;
  if (state !== 'connected') throw new Error('viewer A did not connect: ' + state);
  await until(a, () => window.result.subscribed.length >= 1, null, 20000, 'the model video');
  r.warmUp = await a.evaluate(() => window.lk.cycles(1));
  log("warm-up:", JSON.stringify(r.warmUp));
  if (r.warmUp.error) throw new Error('warm-up cycle failed: ' + r.warmUp.error);
  await step('warm');
  r.cycles = await a.evaluate((n) => window.lk.cycles(n), config.cycles);
  log('cycles:', JSON.stringify(r.cycles));
  if (r.cycles.error) throw new Error('cycle ' + (r.cycles.cycles + 1) + ' failed: ' + r.cycles.error);
  await step('cycled');
  // One more publish after all the cycles still reaches the model: its frame count grows again.
  const framesBefore = (await lastMessage(a, 'input_stats'))?.frames ?? 0;
  await a.evaluate(() => Promise.all(window.lk.local().map((t) => window.room.localParticipant.publishTrack(t,
    { name: t.kind === 'video' ? 'webcam' : 'mic', simulcast: false }))));
  await until(a, (n) => window.lk.messages('input_stats').some((m) => m.frames >= n + 30), framesBefore, 30000,
    'the model to see the camera after the cycles');
  r.afterCycles = await lastMessage(a, 'input_stats');
  r.framesBeforeLastPublish = framesBefore;
  // B publishes an input A holds now, and one the model does not declare.
  const b = await open(config.tokens[1], true);
  const [taken, undeclared] = await Promise.all([
    b.evaluate(() => window.lk.publishOutcome('video', 'webcam')),
    b.evaluate(() => window.lk.publishOutcome('audio', 'no_such_input'))]);
  r.refusedTaken = taken;
  r.refusedUndeclared = undeclared;
  r.bReconnects = (await b.evaluate(() => window.result)).reconnects;
  await b.evaluate(() => window.lk.leave());
  await a.evaluate(() => window.lk.unpublish());
  r.reconnects = (await a.evaluate(() => window.result)).reconnects;
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
