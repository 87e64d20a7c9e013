// Runs in Chromium: the unmodified @reactor-team/js-sdk 2.9.0 Reactor class, plus helpers the
// driver (run.mjs) calls through page.evaluate. Each viewer gets its own <video>; a
// requestVideoFrameCallback loop counts presented frames and reads back the frame counter that
// hello-pattern stamps (stamp_counter: 16 black/white 16x16 cells, bit 15 first).
import { Reactor } from '@reactor-team/js-sdk';

const viewers = [];

// With trackPeers() (the hd bench and the A/V scenario), every RTCPeerConnection the SDK opens afterwards is recorded,
// so the bench can read the receiver's inbound-rtp statistics (frames received and decoded, which
// headless Chromium's 60 Hz presentation would cap). The SDK itself is unmodified: it constructs the
// global class, which the subclass only records.
const peerConnections = [];
function trackPeers() {
  if (window.RTCPeerConnection.tracked) return;
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    static tracked = true;
    constructor(...args) { super(...args); peerConnections.push(this); }
  };
}

// row 0: the frame counter; row 1 (pixel rows 16..31): how many commands the frame reflects.
function readStamp(canvas, video, row = 0) {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(video, 0, row * 16, 256, 16, 0, 0, 256, 16);
  const pixels = ctx.getImageData(0, 0, 256, 16).data;
  let value = 0;
  for (let bit = 0; bit < 16; bit++) {
    const i = (8 * 256 + bit * 16 + 8) * 4;
    value = (value << 1) | (pixels[i] > 127 ? 1 : 0);
  }
  return value;
}

// The model's audio: Chromium plays a remote WebRTC stream into WebAudio only while a media
// element plays it too, so a muted <audio> element holds it; an analyser measures the level.
function listen(track) {
  const stream = new MediaStream([track]);
  const element = document.createElement('audio');
  element.srcObject = stream; element.muted = true; element.autoplay = true;
  document.body.append(element);
  element.play().catch(() => {});
  const context = new AudioContext();
  context.resume().catch(() => {});
  const analyser = context.createAnalyser();
  analyser.fftSize = 2048;
  const samples = new Float32Array(analyser.fftSize);
  const source = context.createMediaStreamSource(stream);
  source.connect(analyser);
  const audio = { peakRms: 0, lastRms: 0, context, source };
  const measure = () => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const x of samples) sum += x * x;
    audio.lastRms = Math.sqrt(sum / samples.length);
    audio.peakRms = Math.max(audio.peakRms, audio.lastRms);
  };
  audio.timer = setInterval(measure, 20);
  return audio;
}

window.e2e = {
  viewers,
  // Set by the driver (--jwt): production mode against a fleet coordinator instead of local mode.
  jwt: null,
  create(apiUrl, modelName = 'hello-pattern') {
    const reactor = window.e2e.jwt ? new Reactor({ modelName, apiUrl }) : new Reactor({ modelName, local: true, apiUrl });
    const v = { reactor, statuses: [], messages: [], runtimeMessages: [], errors: [], frames: 0, width: 0, height: 0,
                stamps: [], firstFrameAt: null, connectAt: null, readStamps: false, audio: null, local: null,
                localStamps: new Map() };
    const video = document.createElement('video');
    video.muted = true; video.autoplay = true; video.playsInline = true;
    document.body.append(video);
    const canvas = document.createElement('canvas'); canvas.width = 256; canvas.height = 16;
    v.video = video;
    reactor.on('statusChanged', s => v.statuses.push(s));
    reactor.on('message', m => v.messages.push(m));
    reactor.on('error', e => v.errors.push(e));
    reactor.on('runtimeMessage', m => v.runtimeMessages.push(m));
    reactor.on('trackReceived', (name, track) => {
      if (track.kind === 'audio') { v.audio = listen(track); return; }
      video.srcObject = new MediaStream([track]);
      video.play().catch(() => {});
    });
    const onFrame = (now, meta) => {
      v.frames++;
      v.width = meta.width; v.height = meta.height;
      if (v.firstFrameAt === null) v.firstFrameAt = performance.now();
      if (v.readStamps) {
        // presentationTime is in the performance.now() clock; timeOrigin makes it wall-clock ms,
        // comparable with the JVM's clock on the same machine.
        // receiveTime (WebRTC sources): when the frame's last packet arrived, for the loop's breakdown.
        v.stamps.push([readStamp(canvas, video), performance.timeOrigin + meta.presentationTime,
                       meta.receiveTime === undefined ? null : performance.timeOrigin + meta.receiveTime]);
      }
      if (v.commands) {
        // Command → screen: the first presented frame whose command stamp reaches a sent command.
        const seen = readStamp(canvas, video, 1);
        v.commands.seen = seen;
        const c = v.commands;
        while (c.pending.length && c.pending[0].target <= seen) {
          c.latencies.push(meta.presentationTime - c.pending.shift().sentAt);
        }
      }
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
    viewers.push(v);
    return viewers.length - 1;
  },
  async connect(i) {
    const v = viewers[i];
    v.frames = 0; v.firstFrameAt = null; v.connectAt = performance.now();
    if (window.e2e.jwt) await v.reactor.connect(window.e2e.jwt, { maxAttempts: 40 });
    else await v.reactor.connect();
  },
  status(i) { return viewers[i].reactor.getStatus(); },
  snapshot(i) {
    const v = viewers[i];
    return { status: v.reactor.getStatus(), statuses: v.statuses, messages: v.messages.slice(-50),
             messageCount: v.messages.length, errors: v.errors.map(e => e.code + ': ' + e.message),
             frames: v.frames, width: v.width, height: v.height,
             videoWidth: v.video.videoWidth, videoHeight: v.video.videoHeight,
             firstFrameMs: v.firstFrameAt === null ? null : v.firstFrameAt - v.connectAt };
  },
  // True when every key of `expected` is in `message` with an equal value (recursively; arrays by index).
  matches(message, expected) {
    if (expected === null || typeof expected !== 'object') return message === expected;
    if (message === null || typeof message !== 'object') return false;
    return Object.keys(expected).every(k => window.e2e.matches(message[k], expected[k]));
  },
  send(i, name, data) { viewers[i].reactor.sendCommand(name, data); },
  async disconnect(i, recoverable) { await viewers[i].reactor.disconnect(recoverable); },
  async reconnect(i) { viewers[i].frames = 0; await viewers[i].reactor.reconnect(); },
  watchCommands(i) { viewers[i].commands = { seen: -1, pending: [], latencies: [] }; },
  commandsSeen(i) { return viewers[i].commands.seen; },
  // Sends a command expected to raise the model's command stamp to `target`, timed from now.
  sendTimed(i, name, data, target) {
    viewers[i].commands.pending.push({ target, sentAt: performance.now() });
    viewers[i].reactor.sendCommand(name, data);
  },
  commandLatencies(i) { return viewers[i].commands.latencies; },
  trackPeers,
  // Summed inbound video statistics of the open peer connections recorded since trackPeers().
  async inboundVideo() {
    const out = { framesReceived: 0, framesDecoded: 0, framesDropped: 0, bytesReceived: 0, frameWidth: 0, frameHeight: 0,
                  totalDecodeTime: 0 };
    for (const pc of peerConnections) {
      if (pc.connectionState === 'closed') continue;
      (await pc.getStats()).forEach(r => {
        if (r.type !== 'inbound-rtp' || r.kind !== 'video') return;
        for (const k of ['framesReceived', 'framesDecoded', 'framesDropped', 'bytesReceived', 'totalDecodeTime']) out[k] += r[k] ?? 0;
        out.frameWidth = Math.max(out.frameWidth, r.frameWidth ?? 0);
        out.frameHeight = Math.max(out.frameHeight, r.frameHeight ?? 0);
      });
    }
    out.at = performance.now();
    return out;
  },
  startStamps(i) { viewers[i].stamps = []; viewers[i].readStamps = true; },
  takeStamps(i) { viewers[i].readStamps = false; const s = viewers[i].stamps; viewers[i].stamps = []; return s; },
  destroy(i) { viewers[i].video.remove(); },
  // reactor.uploadFile on a File built from base64 bytes; keeps the FileRef for sendWithFiles.
  async upload(i, base64, name, mime) {
    const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
    const ref = await viewers[i].reactor.uploadFile(new File([bytes], name, { type: mime }));
    (viewers[i].refs ??= []).push(ref);
    return { uploadId: ref.uploadId, name: ref.name, mimeType: ref.mimeType, size: ref.size, index: viewers[i].refs.length - 1 };
  },
  // An upload the runtime should refuse (e.g. over the size limit): the SDK's error text, or null if it succeeded.
  async uploadExpectingError(i, size, name, mime) {
    try { await viewers[i].reactor.uploadFile(new File([new Uint8Array(size)], name, { type: mime })); return null; }
    catch (e) { return String(e && e.message || e); }
  },
  // sendCommand with FileRef values (by index into this viewer's refs) next to plain arguments.
  sendWithFiles(i, name, data, files) {
    const args = { ...data };
    for (const [param, index] of Object.entries(files)) args[param] = viewers[i].refs[index];
    viewers[i].reactor.sendCommand(name, args);
  },
  // The fake camera and microphone (Chromium's --use-file-for-fake-*-capture).
  async openDevices(i) {
    const v = viewers[i];
    // No voice processing: noise suppression would treat the test tone as noise.
    v.local = await navigator.mediaDevices.getUserMedia({ video: true,
      audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false } });
    return { video: v.local.getVideoTracks().length, audio: v.local.getAudioTracks().length,
             settings: v.local.getVideoTracks()[0]?.getSettings() };
  },
  async publish(i, video = 'webcam', audio = 'mic') {
    const v = viewers[i];
    if (video) await v.reactor.publishTrack(video, v.local.getVideoTracks()[0]);
    if (audio) await v.reactor.publishTrack(audio, v.local.getAudioTracks()[0]);
  },
  async unpublish(i, video = 'webcam', audio = 'mic') {
    const v = viewers[i];
    if (video) await v.reactor.unpublishTrack(video);
    if (audio) await v.reactor.unpublishTrack(audio);
  },
  // A/V offset: onsets of flashes in the model's video (frame presentation times) and of beeps in
  // its audio (an analyser polled every few ms), in wall-clock ms.
  startAvSync(i) {
    const v = viewers[i];
    v.flashes = []; v.beeps = []; v.avRunning = true;
    const canvas = document.createElement('canvas'); canvas.width = 4; canvas.height = 4;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    let bright = false;
    const onFrame = (now, meta) => {
      ctx.drawImage(v.video, 0, 0, 4, 4);
      const d = ctx.getImageData(0, 0, 4, 4).data;
      let sum = 0;
      for (let k = 0; k < d.length; k += 4) sum += d[k] + d[k + 1] + d[k + 2];
      const isBright = sum / 48 > 128;
      if (isBright && !bright) v.flashes.push(performance.timeOrigin + meta.presentationTime);
      bright = isBright;
      if (v.avRunning) v.video.requestVideoFrameCallback(onFrame);
    };
    v.video.requestVideoFrameCallback(onFrame);
    const a = v.audio;
    const fast = a.context.createAnalyser();
    fast.fftSize = 256;
    a.source.connect(fast);
    const samples = new Float32Array(fast.fftSize);
    let loud = false;
    // The same onsets where WebRTC hands audio to playout: the receiver's synchronization source
    // reports the audio level (RTP header extension) of the packet played out last and when.
    const pc = peerConnections.filter(p => p.connectionState === 'connected').slice(-1)[0];
    const audioReceiver = pc && pc.getReceivers().find(r => r.track && r.track.kind === 'audio');
    v.playoutBeeps = [];
    let loudSource = false;
    let lastSourceTime = 0;
    v.avTimer = setInterval(() => {
      fast.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const x of samples) sum += x * x;
      const isLoud = Math.sqrt(sum / samples.length) > 0.2;
      if (isLoud && !loud) v.beeps.push(performance.timeOrigin + performance.now());
      loud = isLoud;
      for (const s of audioReceiver ? audioReceiver.getSynchronizationSources() : []) {
        if (s.timestamp === lastSourceTime) continue;
        lastSourceTime = s.timestamp;
        const sourceLoud = (s.audioLevel ?? 0) > 0.2;
        // Chromium's timestamp is wall-clock ms; the spec's is relative to timeOrigin: accept both.
        const wall = s.timestamp > 1e12 ? s.timestamp : performance.timeOrigin + s.timestamp;
        if (sourceLoud && !loudSource) v.playoutBeeps.push(wall);
        loudSource = sourceLoud;
      }
    }, 2);
    v.avStart = { receiver: !!audioReceiver };
  },
  // Where each path's delay goes, from the receivers' stats (means over the run).
  async avStats(i) {
    const v = viewers[i];
    const pc = peerConnections.filter(p => p.connectionState === 'connected').slice(-1)[0];
    const out = { audioContext: { baseLatencyMs: v.audio.context.baseLatency * 1000,
                                  outputLatencyMs: (v.audio.context.outputLatency || 0) * 1000 } };
    if (!pc) return out;
    const report = await pc.getStats();
    report.forEach(s => {
      if (s.type === 'inbound-rtp') {
        const n = s.jitterBufferEmittedCount || 0;
        out[s.kind] = {
          jitterBufferDelayMs: n ? 1000 * s.jitterBufferDelay / n : null,
          jitterBufferTargetDelayMs: n && s.jitterBufferTargetDelay !== undefined ? 1000 * s.jitterBufferTargetDelay / n : null,
          jitterBufferMinimumDelayMs: n && s.jitterBufferMinimumDelay !== undefined ? 1000 * s.jitterBufferMinimumDelay / n : null,
          processingDelayMs: s.kind === 'video' && s.framesDecoded ? 1000 * s.totalProcessingDelay / s.framesDecoded
            : (n && s.totalProcessingDelay !== undefined ? 1000 * s.totalProcessingDelay / n : null),
          decodeMs: s.kind === 'video' && s.framesDecoded ? 1000 * s.totalDecodeTime / s.framesDecoded : undefined,
          jitterMs: s.jitter !== undefined ? 1000 * s.jitter : null,
        };
      }
      if (s.type === 'media-playout' && s.totalSamplesCount) {
        out.audioPlayout = { playoutDelayMs: 1000 * s.totalPlayoutDelay / s.totalSamplesCount,
                             synthesizedMs: 1000 * (s.synthesizedSamplesDuration || 0) };
      }
    });
    return out;
  },
  takeAvSync(i) {
    const v = viewers[i];
    v.avRunning = false; clearInterval(v.avTimer);
    return { flashes: v.flashes, beeps: v.beeps, playoutBeeps: v.playoutBeeps, start: v.avStart };
  },
  audioLevel(i) { const a = viewers[i].audio; return a ? { peakRms: a.peakRms, lastRms: a.lastRms } : null; },
  runtimeMessages(i) { return viewers[i].runtimeMessages; },
  // Mean colour of the centre of the model's video as the page shows it.
  meanColour(i) {
    const video = viewers[i].video;
    const canvas = document.createElement('canvas'); canvas.width = 32; canvas.height = 32;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(video, video.videoWidth / 4, video.videoHeight / 4, video.videoWidth / 2, video.videoHeight / 2, 0, 0, 32, 32);
    const d = ctx.getImageData(0, 0, 32, 32).data;
    const m = [0, 0, 0];
    for (let k = 0; k < d.length; k += 4) { m[0] += d[k]; m[1] += d[k + 1]; m[2] += d[k + 2]; }
    return m.map(x => Math.round(x / (d.length / 4)));
  },
  // Loop latency: the local camera preview's stamps (when each counter value was shown here) against
  // the stamps read back from the model's output.
  async startLoopStamps(i) {
    const v = viewers[i];
    const local = document.createElement('video');
    local.muted = true; local.autoplay = true; local.playsInline = true;
    local.srcObject = new MediaStream(v.local.getVideoTracks());
    document.body.append(local);
    await local.play().catch(() => {});
    const canvas = document.createElement('canvas'); canvas.width = 256; canvas.height = 16;
    v.localStamps = new Map();
    const onLocal = (now, meta) => {
      const value = readStamp(canvas, local);
      const times = v.localStamps.get(value) ?? [];
      times.push(performance.timeOrigin + meta.presentationTime);
      v.localStamps.set(value, times);
      if (v.readStamps) local.requestVideoFrameCallback(onLocal);
    };
    v.stamps = []; v.readStamps = true;
    local.requestVideoFrameCallback(onLocal);
  },
  takeLoopLatencies(i) {
    const v = viewers[i];
    v.readStamps = false;
    // The first output presentation of each counter value, against its latest earlier local one
    // (the camera's file loops, so values repeat).
    const out = [];
    // Per echoed frame: [counter, shown locally, output received, output shown] in wall-clock ms,
    // so the bench can split the loop with the runtime's own stamps of the same counter.
    const stages = [];
    let previous = -1;
    for (const [value, at, receivedAt] of v.stamps) {
      if (value === previous) continue;
      previous = value;
      // Under load the local preview skips frames; a value it skipped this loop would match the
      // previous loop (the file is 5 s long), so matches older than 2.5 s are dropped.
      const earlier = (v.localStamps.get(value) ?? []).filter(t => t <= at && at - t < 2500);
      if (earlier.length) {
        out.push(at - earlier[earlier.length - 1]);
        stages.push([value, earlier[earlier.length - 1], receivedAt, at]);
      }
    }
    v.stamps = [];
    return { latencies: out, stages };
  },
};
