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
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lastMessage, runMediaScenario, sleep, until } from './media-browser.mjs';

// Hands over to the Java test at `name` and waits (bounded) until it is done looking.
async function step(steps, name) {
  writeFileSync(join(steps, `${name}.ready`), '');
  const deadline = Date.now() + 90000;
  while (!existsSync(join(steps, `${name}.go`))) {
    if (Date.now() > deadline) throw new Error(`the test did not release step ${name}`);
    await sleep(100);
  }
}

await runMediaScenario('cycles', async ({ config, open, log }) => {
  const r = {};
  const a = await open(config.tokens[0], true);
  const state = (await a.evaluate(() => window.result)).state;
  if (state !== 'connected') throw new Error('viewer A did not connect: ' + state);
  await until(a, () => window.result.subscribed.length >= 1, null, 20000, 'the model video');
  r.warmUp = await a.evaluate(() => window.lk.cycles(1));
  log('warm-up:', JSON.stringify(r.warmUp));
  if (r.warmUp.error) throw new Error('warm-up cycle failed: ' + r.warmUp.error);
  await step(config.steps, 'warm');
  r.cycles = await a.evaluate((n) => window.lk.cycles(n), config.cycles);
  log('cycles:', JSON.stringify(r.cycles));
  if (r.cycles.error) throw new Error('cycle ' + (r.cycles.cycles + 1) + ' failed: ' + r.cycles.error);
  await step(config.steps, 'cycled');
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
  return r;
});
