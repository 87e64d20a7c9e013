// Drives the JS SDK page in headless Chromium. Usage (inside scripts/netns-run):
//   node run.mjs --api http://10.203.0.1:PORT --page-host 10.203.0.2 SCENARIO [ARG]
// Scenarios: sdk (ready, frames, command, messages, reconnect, disconnect), two (two viewers),
// cycles N (connect/disconnect N times), latency SECONDS, rate SECONDS, cmdlatency N, firstframe N, viewers N SECONDS, refused
// (a page not on the allow-list: connect fails, a simple cross-site POST starts nothing),
// media (--model webcam-mirror by default, or python-echo), pubcycles N, loop SECONDS,
// command '<json>' (any model: one valid and one invalid command, see scenarios.command),
// upload '<json>' (reactor.uploadFile + a command taking the FileRef, see scenarios.upload).
// fleetinputs '<json>' (with --jwt: webcam and mic published, then an upload, through a fleet coordinator).
// Prints progress lines, then one line "RESULT <json>"; exits non-zero on failure.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle, launchChromium, options, runDriver, servePage, sleep } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { args, opt } = options();
const api = opt('--api');
const pageHost = opt('--page-host') ?? '127.0.0.1';
const chromium = opt('--chromium') ?? '/usr/bin/chromium';
// Fake camera/microphone files (y4m/wav) for the media scenarios.
const videoFile = opt('--video-file');
const audioFile = opt('--audio-file');
// The model the media scenarios drive (they need webcam-mirror's inputs, messages and commands).
const mediaModel = opt('--model') ?? 'webcam-mirror';
// A client token: production mode (new Reactor({modelName, apiUrl}) + connect(jwt)) against a fleet coordinator.
const jwt = opt('--jwt');
const [scenario, arg] = args;
if (!api || !scenario) { console.error('usage: node run.mjs --api URL [--page-host IP] SCENARIO [ARG]'); process.exit(2); }

const log = (...m) => console.log('[e2e]', ...m);

async function until(page, fn, arg, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await page.evaluate(fn, arg)) return;
    await sleep(100);
  }
  const snap = await page.evaluate(i => window.e2e.viewers.map((v, k) => window.e2e.snapshot(k)), 0);
  throw new Error('timed out waiting for ' + what + ': ' + JSON.stringify(snap).slice(0, 2000));
}

const ready = (page, i) => until(page, i => window.e2e.status(i) === 'ready', i, 20000, `viewer ${i} ready`);
const framesAtLeast = (page, i, n) => until(page, ([i, n]) => window.e2e.snapshot(i).frames >= n, [i, n], 20000, `viewer ${i} ${n} frames`);
const snap = (page, i) => page.evaluate(i => window.e2e.snapshot(i), i);

const scenarios = {
  // A page whose origin is not on the server's allow-list: the SDK's connect must fail, and a "simple"
  // cross-site POST (text/plain, no preflight; the page cannot read the answer) must start nothing.
  async refused(page) {
    const v = await page.evaluate(api => window.e2e.create(api), api);
    const connectError = await page.evaluate(async i => {
      try { await window.e2e.connect(i); return null; } catch (e) { return String(e && e.message || e); }
    }, v);
    await sleep(3000);
    const simplePost = await page.evaluate(async api => {
      try {
        const r = await fetch(api + '/start_session', { method: 'POST', mode: 'no-cors', body: '{}',
          headers: { 'content-type': 'text/plain' } });
        return r.type;
      } catch (e) { return 'error: ' + e; }
    }, api);
    const s = await snap(page, v);
    return { connectError, status: s.status, statuses: s.statuses, errors: s.errors, frames: s.frames, simplePost,
             pageOrigin: new URL(pageUrl).origin };
  },
  async sdk(page) {
    const r = {};
    const v = await page.evaluate(api => window.e2e.create(api), api);
    await page.evaluate(i => window.e2e.connect(i), v);
    await ready(page, v);
    await framesAtLeast(page, v, 30);
    Object.assign(r, { ready: true }, pick(await snap(page, v), 'frames', 'width', 'height', 'videoWidth', 'videoHeight'));
    await page.evaluate(i => window.e2e.send(i, 'set_palette', { palette: 'plaid' }), v);
    await page.evaluate(i => window.e2e.send(i, 'set_palette', { palette: 'cool' }), v);
    await until(page, i => window.e2e.viewers[i].messages.some(m => m.type === 'state' && m.palette === 'cool'), v, 10000, 'state message');
    await until(page, i => window.e2e.viewers[i].messages.some(m => m.type === 'progress'), v, 10000, 'progress message');
    const s = await snap(page, v);
    r.stateMessage = s.messages.find(m => m.type === 'state' && m.palette === 'cool');
    r.plaidSeen = s.messages.some(m => JSON.stringify(m).includes('plaid'));
    r.messageCount = s.messageCount;
    // Transport-level drop and reconnect (PUT sdp_params on the same session).
    await page.evaluate(i => window.e2e.disconnect(i, true), v);
    await until(page, i => window.e2e.status(i) === 'disconnected', v, 10000, 'recoverable disconnect');
    await page.evaluate(i => window.e2e.reconnect(i), v);
    await ready(page, v);
    await framesAtLeast(page, v, 30);
    r.reconnected = true;
    r.afterReconnect = pick(await snap(page, v), 'frames', 'videoWidth', 'videoHeight');
    await page.evaluate(i => window.e2e.disconnect(i, false), v);
    r.finalStatus = (await snap(page, v)).status;
    r.errors = (await snap(page, v)).errors;
    return r;
  },
  // Any model. SPEC: {"model": "python-noise", "command": "set_mode", "args": {"mode": "bars"},
  //   "expect": {"type": "state", "mode": "bars"}, "invalid": {"command": "set_mode", "args": {"mode": "plaid"}}}
  // Connects, waits for ready and 30 decoded frames, sends the invalid command (optional), then the
  // valid one, and waits for a send() message containing `expect` (subset match). The data channel is
  // ordered and the model takes commands in turn, so had the invalid command reached the model, its
  // messages would come before the match: `afterInvalid` lists what arrived in between, and
  // `invalidEchoed` tells whether any message, up to the end, contains the invalid args (give them
  // non-empty). Then disconnects. `fps`: frames presented per second between the 30th frame and the end.
  async command(page) {
    const spec = JSON.parse(arg);
    const r = {};
    const v = await page.evaluate(([api, model]) => window.e2e.create(api, model), [api, spec.model ?? 'hello-pattern']);
    const connectAt = Date.now();
    await page.evaluate(i => window.e2e.connect(i), v);
    await ready(page, v);
    r.readyMs = Date.now() - connectAt;
    await framesAtLeast(page, v, 30);
    const early = await snap(page, v);
    const earlyAt = Date.now();
    Object.assign(r, { ready: true }, pick(early, 'frames', 'width', 'height', 'videoWidth', 'videoHeight', 'firstFrameMs'));
    const from = await page.evaluate(i => window.e2e.viewers[i].messages.length, v);
    if (spec.invalid) await page.evaluate(([i, c]) => window.e2e.send(i, c.command, c.args), [v, spec.invalid]);
    await page.evaluate(([i, c]) => window.e2e.send(i, c.command, c.args), [v, spec]);
    const found = ([i, from, expect]) => window.e2e.viewers[i].messages.findIndex((m, k) => k >= from && window.e2e.matches(m, expect));
    await until(page, a => window.e2e.viewers[a[0]].messages.some((m, k) => k >= a[1] && window.e2e.matches(m, a[2])),
      [v, from, spec.expect], 15000, 'a message matching ' + JSON.stringify(spec.expect));
    const at = await page.evaluate(found, [v, from, spec.expect]);
    const messages = await page.evaluate(i => window.e2e.viewers[i].messages, v);
    r.matched = messages[at];
    r.afterInvalid = messages.slice(from, at);
    // Time for a late echo of the invalid command to show up.
    await sleep(1000);
    const end = await snap(page, v);
    const endAt = Date.now();
    r.fps = Math.round((end.frames - early.frames) / ((endAt - earlyAt) / 1000) * 10) / 10;
    r.invalidEchoed = spec.invalid ? await page.evaluate(([i, from, args]) => window.e2e.viewers[i].messages
      .some((m, k) => k >= from && window.e2e.matches(m, args)), [v, from, spec.invalid.args]) : false;
    r.messageCount = end.messageCount;
    r.latestByType = Object.fromEntries(end.messages.map(m => [m.type, m]));
    r.framesAtEnd = end.frames;
    await page.evaluate(i => window.e2e.disconnect(i, false), v);
    const after = await snap(page, v);
    r.finalStatus = after.status;
    r.errors = after.errors;
    return r;
  },
  // SPEC: {"model": "upload-probe", "file": "/tmp/photo.png", "name": "photo.png", "mime": "image/png",
  //   "command": "inspect", "param": "file", "args": {"note": "x"}, "expect": {"type": "upload_received"},
  //   "tooLarge": 2000000}
  // Connects, waits for ready and 10 frames, uploads the file's bytes with the unmodified SDK's
  // uploadFile (POST /sessions/{sid}/uploads, PUT, fileUploaded), sends the command with the FileRef
  // as `param` and waits for a send() message containing `expect`. `tooLarge` (optional): a second
  // upload of that many bytes, expected to fail; its error text is returned.
  async upload(page) {
    const spec = JSON.parse(arg);
    const v = await page.evaluate(([api, model]) => window.e2e.create(api, model), [api, spec.model]);
    await page.evaluate(i => window.e2e.connect(i), v);
    await ready(page, v);
    await framesAtLeast(page, v, 10);
    const r = await uploadAndCommand(page, v, spec);
    r.status = (await snap(page, v)).status;
    await page.evaluate(i => window.e2e.disconnect(i, false), v);
    r.errors = (await snap(page, v)).errors;
    return r;
  },
  // Production mode (--jwt) through a fleet coordinator, examples/webcam-mirror: the fake camera and
  // mic published (the relayed offer carries their sendonly transceivers) reach the model, then an
  // upload streamed through the coordinator reaches it with a command. SPEC as for upload.
  // Needs --video-file and --audio-file.
  async fleetinputs(page) {
    const spec = JSON.parse(arg);
    const r = {};
    const v = await page.evaluate(([api, model]) => window.e2e.create(api, model), [api, spec.model]);
    await page.evaluate(i => window.e2e.connect(i), v);
    await ready(page, v);
    await framesAtLeast(page, v, 10);
    r.sessionId = await page.evaluate(i => window.e2e.viewers[i].reactor.getSessionId(), v);
    r.devices = await page.evaluate(i => window.e2e.openDevices(i), v);
    await page.evaluate(i => window.e2e.publish(i), v);
    const stat = (type, test) => until(page, ([i, type, test]) => window.e2e.viewers[i].messages
      .some(m => m.type === type && new Function('m', 'return ' + test)(m)), [v, type, test], 30000, type + ' where ' + test);
    await stat('input_stats', 'm.frames >= 30');
    await stat('audio_stats', 'm.rms > 0.05');
    const last = async type => page.evaluate(([i, type]) => window.e2e.viewers[i].messages.filter(m => m.type === type).slice(-1)[0], [v, type]);
    r.inputStats = await last('input_stats');
    r.audioStats = await last('audio_stats');
    Object.assign(r, await uploadAndCommand(page, v, spec));
    r.status = (await snap(page, v)).status;
    await page.evaluate(i => window.e2e.disconnect(i, false), v);
    r.errors = (await snap(page, v)).errors;
    return r;
  },
  async two(page) {
    const a = await page.evaluate(api => window.e2e.create(api), api);
    const b = await page.evaluate(api => window.e2e.create(api), api);
    await page.evaluate(i => window.e2e.connect(i), a);
    await ready(page, a);
    await page.evaluate(i => window.e2e.connect(i), b);
    await ready(page, b);
    await framesAtLeast(page, a, 30);
    await framesAtLeast(page, b, 30);
    await page.evaluate(i => window.e2e.send(i, 'set_palette', { palette: 'neon' }), b);
    await until(page, i => window.e2e.viewers[i].messages.some(m => m.palette === 'neon'), a, 10000, 'message to the other viewer');
    const r = { a: pick(await snap(page, a), 'status', 'frames', 'videoWidth', 'videoHeight'),
                b: pick(await snap(page, b), 'status', 'frames', 'videoWidth', 'videoHeight'), crossMessage: true };
    await page.evaluate(i => window.e2e.disconnect(i, false), a);
    await page.evaluate(i => window.e2e.disconnect(i, false), b);
    return r;
  },
  async cycles(page, n) {
    const v = await page.evaluate(api => window.e2e.create(api), api);
    let done = 0;
    for (let k = 0; k < n; k++) {
      await page.evaluate(i => window.e2e.connect(i), v);
      await ready(page, v);
      await framesAtLeast(page, v, 1);
      await page.evaluate(i => window.e2e.disconnect(i, false), v);
      done++;
      if (done % 10 === 0) log(`${done} cycles`);
    }
    return { cycles: done };
  },
  async firstframe(page, n) {
    const v = await page.evaluate(api => window.e2e.create(api), api);
    const times = [];
    for (let k = 0; k < n; k++) {
      await page.evaluate(i => window.e2e.connect(i), v);
      await framesAtLeast(page, v, 1);
      times.push((await snap(page, v)).firstFrameMs);
      await page.evaluate(i => window.e2e.disconnect(i, false), v);
      await sleep(300);
    }
    return { firstFrameMs: times };
  },
  // Receive rate for SECONDS after a 3 s warm-up (bitrate ramp): frames received/decoded from the
  // peer connection's inbound-rtp statistics (not capped by the page's 60 Hz presentation), frames
  // presented, and the received bitrate.
  async rate(page, seconds) {
    await page.evaluate(() => window.e2e.trackPeers());
    const v = await page.evaluate(api => window.e2e.create(api), api);
    await page.evaluate(i => window.e2e.connect(i), v);
    await ready(page, v);
    await framesAtLeast(page, v, 30);
    await sleep(3000);
    console.log('WINDOW start'); // the bench reads its server-side counters over the same window
    const a = await page.evaluate(() => window.e2e.inboundVideo());
    const p0 = (await snap(page, v)).frames;
    await sleep(seconds * 1000);
    const b = await page.evaluate(() => window.e2e.inboundVideo());
    const p1 = (await snap(page, v)).frames;
    console.log('WINDOW end');
    await page.evaluate(i => window.e2e.disconnect(i, false), v);
    const s = (b.at - a.at) / 1000;
    return { seconds: s, receivedFps: (b.framesReceived - a.framesReceived) / s, decodedFps: (b.framesDecoded - a.framesDecoded) / s,
             droppedFps: (b.framesDropped - a.framesDropped) / s, presentedFps: (p1 - p0) / s,
             kbps: (b.bytesReceived - a.bytesReceived) * 8 / 1000 / s,
             decodeMsPerFrame: 1000 * (b.totalDecodeTime - a.totalDecodeTime) / Math.max(1, b.framesDecoded - a.framesDecoded),
             width: b.frameWidth, height: b.frameHeight };
  },
  async latency(page, seconds) {
    const v = await page.evaluate(api => window.e2e.create(api), api);
    await page.evaluate(i => window.e2e.connect(i), v);
    await ready(page, v);
    await framesAtLeast(page, v, 60);
    await page.evaluate(i => window.e2e.startStamps(i), v);
    await sleep(seconds * 1000);
    const stamps = await page.evaluate(i => window.e2e.takeStamps(i), v);
    const s = await snap(page, v);
    console.log('STAMPS ' + JSON.stringify(stamps));
    await page.evaluate(i => window.e2e.disconnect(i, false), v);
    return { presented: stamps.length, videoWidth: s.videoWidth, videoHeight: s.videoHeight };
  },
  // Command → visible change: N set_palette commands (warm/mono in turn), 150-350 ms apart; each
  // timed from sendCommand to the first presented frame whose command stamp shows it.
  async cmdlatency(page, n) {
    const v = await page.evaluate(api => window.e2e.create(api), api);
    await page.evaluate(i => window.e2e.connect(i), v);
    await ready(page, v);
    await framesAtLeast(page, v, 60);
    await page.evaluate(i => window.e2e.watchCommands(i), v);
    await until(page, i => window.e2e.commandsSeen(i) >= 0, v, 10000, 'a command stamp');
    const base = await page.evaluate(i => window.e2e.commandsSeen(i), v);
    for (let k = 1; k <= n; k++) {
      await page.evaluate(([i, p, t]) => window.e2e.sendTimed(i, 'set_palette', { palette: p }, t),
        [v, k % 2 ? 'mono' : 'warm', base + k]);
      await until(page, ([i, k]) => window.e2e.commandLatencies(i).length >= k, [v, k], 10000, `command ${k} on screen`);
      await sleep(150 + Math.random() * 200);
    }
    const latencies = await page.evaluate(i => window.e2e.commandLatencies(i), v);
    const s = await snap(page, v);
    await page.evaluate(i => window.e2e.disconnect(i, false), v);
    return { latencies, videoWidth: s.videoWidth, videoHeight: s.videoHeight };
  },
  async viewers(page, n, seconds, browser) {
    // Separate pages: each a foreground viewer. Holds N viewers connected for SECONDS.
    const pages = [page];
    for (let k = 1; k < n; k++) pages.push(await openPage(browser));
    for (const p of pages) {
      await p.evaluate(api => window.e2e.create(api), api);
      await p.evaluate(() => window.e2e.connect(0));
      await ready(p, 0);
    }
    // requestVideoFrameCallback only fires in the foreground page, so background viewers are
    // checked by the decoded size instead of the frame count.
    for (const p of pages) await until(p, () => window.e2e.viewers[0].video.videoWidth > 0, 0, 20000, 'decoded video');
    console.log('HOLDING ' + n);
    await sleep(seconds * 1000);
    const frames = [];
    for (const p of pages) frames.push((await snap(p, 0)).videoWidth);
    for (const p of pages) await p.evaluate(() => window.e2e.disconnect(0, false));
    return { viewers: n, videoWidths: frames };
  },
};

Object.assign(scenarios, {
  // examples/webcam-mirror (or --model python-echo): the fake camera/mic published through the SDK reach the model (its
  // input_stats/audio_stats), the page hears the model's audio, a second publisher is refused,
  // unpublishing shows the waiting card again. Needs --video-file and --audio-file.
  async media(page, _n, _s, browser) {
    const r = {};
    const v = await page.evaluate(([api, model]) => window.e2e.create(api, model), [api, mediaModel]);
    await page.evaluate(i => window.e2e.connect(i), v);
    await ready(page, v);
    await framesAtLeast(page, v, 10);
    r.capabilities = await page.evaluate(i => window.e2e.viewers[i].reactor.getCapabilities?.()?.tracks ?? null, v);
    r.devices = await page.evaluate(i => window.e2e.openDevices(i), v);
    r.waitingColour = await page.evaluate(i => window.e2e.meanColour(i), v);
    await page.evaluate(i => window.e2e.publish(i), v);
    const stat = (type, test) => until(page, ([i, type, test]) => window.e2e.viewers[i].messages
      .some(m => m.type === type && new Function('m', 'return ' + test)(m)), [v, type, test], 30000, type + ' where ' + test);
    await stat('input_stats', 'm.frames >= 30');
    await stat('audio_stats', 'm.rms > 0.05');
    await until(page, i => (window.e2e.audioLevel(i)?.peakRms ?? 0) > 0.01, v, 20000, 'audio in the page');
    const last = async type => page.evaluate(([i, type]) => window.e2e.viewers[i].messages.filter(m => m.type === type).slice(-1)[0], [v, type]);
    r.inputStats = await last('input_stats');
    r.audioStats = await last('audio_stats');
    r.pageAudio = await page.evaluate(i => window.e2e.audioLevel(i), v);
    r.mirroredColour = await page.evaluate(i => window.e2e.meanColour(i), v);
    // A second viewer of the same session publishing the same tracks is refused: first publisher wins.
    const w = await page.evaluate(([api, model]) => window.e2e.create(api, model), [api, mediaModel]);
    await page.evaluate(i => window.e2e.connect(i), w);
    await ready(page, w);
    await page.evaluate(i => window.e2e.openDevices(i), w);
    await page.evaluate(i => window.e2e.publish(i), w);
    await until(page, i => window.e2e.runtimeMessages(i).some(m => m.type === 'error'), w, 20000, 'refusal of the second publisher');
    r.refusal = (await page.evaluate(i => window.e2e.runtimeMessages(i), w)).find(m => m.type === 'error');
    await page.evaluate(i => window.e2e.disconnect(i, true), w);
    // Unpublishing: the model sees the webcam stop (its input_stats say live: false), receives no
    // frame after that, and shows its waiting card again. Counted from the model's first "not live"
    // report and over its next two reports, so a slow machine only makes the wait longer.
    await page.evaluate(i => window.e2e.unpublish(i), v);
    // The model's reports after its last "live" one (it also said "not live" before the publish);
    // three of them (30 s at most).
    const reportsSinceEnd = () => page.evaluate(i => {
      const reports = window.e2e.viewers[i].messages.filter(m => m.type === 'input_stats');
      const lastLive = reports.map(m => m.live === true).lastIndexOf(true);
      return lastLive < 0 ? [] : reports.slice(lastLive + 1);
    }, v);
    const endDeadline = Date.now() + 30000;
    let reports;
    while ((reports = await reportsSinceEnd()).length < 3) {
      if (Date.now() > endDeadline) throw new Error('the model did not report its webcam not live, then two more input_stats: '
        + JSON.stringify(await last('input_stats')));
      await sleep(200);
    }
    r.framesAtUnpublish = reports[0].frames;
    r.reportsAfterUnpublish = reports.slice(1);
    r.afterUnpublish = reports[reports.length - 1];
    // The card reaches the page a moment after the model draws it: wait for a dark picture (20 s at most).
    const deadline = Date.now() + 20000;
    for (;;) {
      r.waitingAgainColour = await page.evaluate(i => window.e2e.meanColour(i), v);
      if (r.waitingAgainColour?.[0] < 100 || Date.now() > deadline) break;
      await sleep(200);
    }
    r.errors = (await snap(page, v)).errors;
    await page.evaluate(i => window.e2e.disconnect(i, false), v);
    return r;
  },
  // N publish/unpublish cycles; every fifth starts on a new peer of the same session (recoverable
  // disconnect + reconnect), so the server also creates and drops its input feeds N/5 times. The
  // session is left running: the Java side counts what is left, then stops it.
  async pubcycles(page, n) {
    const v = await page.evaluate(([api, model]) => window.e2e.create(api, model), [api, mediaModel]);
    await page.evaluate(i => window.e2e.openDevices(i), v);
    await page.evaluate(i => window.e2e.connect(i), v);
    await ready(page, v);
    for (let k = 0; k < n; k++) {
      if (k > 0 && k % 5 === 0) {
        await page.evaluate(i => window.e2e.disconnect(i, true), v);
        await until(page, i => window.e2e.status(i) === 'disconnected', v, 10000, 'recoverable disconnect');
        await page.evaluate(i => window.e2e.reconnect(i), v);
        await ready(page, v);
      }
      await page.evaluate(i => window.e2e.publish(i), v);
      await sleep(150);
      await page.evaluate(i => window.e2e.unpublish(i), v);
      if ((k + 1) % 10 === 0) log(`${k + 1} publish cycles`);
    }
    await page.evaluate(i => window.e2e.disconnect(i, true), v);
    await until(page, i => window.e2e.status(i) === 'disconnected', v, 10000, 'recoverable disconnect');
    return { cycles: n };
  },
  // A/V offset for SECONDS: a model that flashes its video and beeps at the same time (the bench's
  // flash-beep model); the page records both onsets.
  async avsync(page, seconds) {
    await page.evaluate(() => window.e2e.trackPeers());
    const v = await page.evaluate(api => window.e2e.create(api, 'flash-beep'), api);
    await page.evaluate(i => window.e2e.connect(i), v);
    await ready(page, v);
    await framesAtLeast(page, v, 30);
    await until(page, i => window.e2e.viewers[i].audio !== null, v, 20000, 'the model audio track');
    await sleep(1000);
    await page.evaluate(i => window.e2e.startAvSync(i), v);
    await sleep(seconds * 1000);
    const stats = await page.evaluate(i => window.e2e.avStats(i), v);
    const r = await page.evaluate(i => window.e2e.takeAvSync(i), v);
    await page.evaluate(i => window.e2e.disconnect(i, false), v);
    return { ...r, stats };
  },
  // Loop latency webcam → model → page for SECONDS: counter stamps of the fake camera read back.
  async loop(page, seconds) {
    const v = await page.evaluate(([api, model]) => window.e2e.create(api, model), [api, mediaModel]);
    await page.evaluate(i => window.e2e.connect(i), v);
    await ready(page, v);
    await page.evaluate(i => window.e2e.openDevices(i), v);
    await page.evaluate(i => window.e2e.send(i, 'set_effect', { effect: 'none' }), v);
    await page.evaluate(i => window.e2e.publish(i), v);
    await until(page, i => window.e2e.viewers[i].messages.some(m => m.type === 'input_stats' && m.frames > 30), v, 30000, 'webcam frames at the model');
    await sleep(2000);
    await page.evaluate(i => window.e2e.startLoopStamps(i), v);
    await sleep(seconds * 1000);
    const { latencies, stages } = await page.evaluate(i => window.e2e.takeLoopLatencies(i), v);
    const s = await snap(page, v);
    await page.evaluate(i => window.e2e.disconnect(i, false), v);
    return { latencies, stages, videoWidth: s.videoWidth, videoHeight: s.videoHeight };
  },
});

// reactor.uploadFile of SPEC.file, then SPEC.command with the FileRef as SPEC.param; waits for a message
// matching SPEC.expect. SPEC.tooLarge (optional): a second upload of that many bytes, expected to fail.
async function uploadAndCommand(page, v, spec) {
  const r = {};
  const base64 = fs.readFileSync(spec.file).toString('base64');
  r.ref = await page.evaluate(([i, b, n, m]) => window.e2e.upload(i, b, n, m), [v, base64, spec.name, spec.mime]);
  const from = await page.evaluate(i => window.e2e.viewers[i].messages.length, v);
  await page.evaluate(([i, c, a, f]) => window.e2e.sendWithFiles(i, c, a, f),
    [v, spec.command, spec.args ?? {}, { [spec.param]: r.ref.index }]);
  await until(page, a => window.e2e.viewers[a[0]].messages.some((m, k) => k >= a[1] && window.e2e.matches(m, a[2])),
    [v, from, spec.expect], 20000, 'a message matching ' + JSON.stringify(spec.expect));
  r.matched = await page.evaluate(([i, from, expect]) => window.e2e.viewers[i].messages
    .find((m, k) => k >= from && window.e2e.matches(m, expect)), [v, from, spec.expect]);
  if (spec.tooLarge) {
    r.tooLargeError = await page.evaluate(([i, n]) => window.e2e.uploadExpectingError(i, n, 'big.bin', 'application/octet-stream'),
      [v, spec.tooLarge]);
  }
  return r;
}

function pick(o, ...keys) { return Object.fromEntries(keys.map(k => [k, o[k]])); }

let pageUrl;
async function openPage(browser) {
  const page = await browser.newPage();
  page.on('console', m => { if (m.type() === 'error') log('page error:', m.text()); });
  await page.goto(pageUrl);
  await page.waitForFunction(() => window.e2e !== undefined);
  if (jwt) await page.evaluate(t => { window.e2e.jwt = t; }, jwt);
  return page;
}

await runDriver(async resources => {
  const bundled = path.join(here, 'dist', 'sdk-page.js');
  await bundle(path.join(here, 'page.js'), bundled);
  resources.server = await servePage(bundled, pageHost);
  pageUrl = `http://${pageHost}:${resources.server.address().port}/`;
  const media = videoFile || audioFile ? ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
    // getUserMedia needs a secure context; the test page is plain http on the namespace address.
    `--unsafely-treat-insecure-origin-as-secure=http://${pageHost}:${resources.server.address().port}`] : [];
  if (videoFile) media.push(`--use-file-for-fake-video-capture=${videoFile}`);
  if (audioFile) media.push(`--use-file-for-fake-audio-capture=${audioFile}`);
  resources.browser = await launchChromium(chromium, media);
  const page = await openPage(resources.browser);
  return scenarios[scenario](page, Number(arg ?? 1), Number(args[2] ?? 10), resources.browser);
});
