// Two-way media through the media server (:7880) with the unmodified livekit-client in headless
// Debian Chromium, fake camera and microphone from files (--use-file-for-fake-*-capture). Against
// examples/webcam-mirror: viewer A publishes webcam + mic and reads the model's input_stats /
// audio_stats and hears its audio; viewer B (the other signaling dialect) publishing the same input
// is refused; A unpublishes its camera and the model sees it stop. Prints one line RESULT {json};
// the Java test (LiveKitMediaBrowserTest) makes the assertions.
//
// usage: node media.mjs '{"page":"http://10.203.0.2:P/media.html","url":"ws://10.203.0.1:7880",
//                         "tokens":["…","…"],"videoFile":"/tmp/camera.y4m","audioFile":"/tmp/tone.wav"}'
import { lastMessage, runMediaScenario, sleep, until } from './media-browser.mjs';

await runMediaScenario('media', async ({ config, open, log }) => {
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
  return r;
});
