// Runs in Chromium: the unmodified @reactor-team/js-sdk 2.9.0 Reactor class, plus helpers the
// driver (run.mjs) calls through page.evaluate. Each viewer gets its own <video>; a
// requestVideoFrameCallback loop counts presented frames and reads back the frame counter that
// hello-pattern stamps (stamp_counter: 16 black/white 16x16 cells, bit 15 first).
import { Reactor } from '@reactor-team/js-sdk';

const viewers = [];

function readStamp(canvas, video) {
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  ctx.drawImage(video, 0, 0, 256, 16, 0, 0, 256, 16);
  const pixels = ctx.getImageData(0, 0, 256, 16).data;
  let value = 0;
  for (let bit = 0; bit < 16; bit++) {
    const i = (8 * 256 + bit * 16 + 8) * 4;
    value = (value << 1) | (pixels[i] > 127 ? 1 : 0);
  }
  return value;
}

window.e2e = {
  viewers,
  create(apiUrl, modelName = 'hello-pattern') {
    const reactor = new Reactor({ modelName, local: true, apiUrl });
    const v = { reactor, statuses: [], messages: [], errors: [], frames: 0, width: 0, height: 0,
                stamps: [], firstFrameAt: null, connectAt: null, readStamps: false };
    const video = document.createElement('video');
    video.muted = true; video.autoplay = true; video.playsInline = true;
    document.body.append(video);
    const canvas = document.createElement('canvas'); canvas.width = 256; canvas.height = 16;
    v.video = video;
    reactor.on('statusChanged', s => v.statuses.push(s));
    reactor.on('message', m => v.messages.push(m));
    reactor.on('error', e => v.errors.push(e));
    reactor.on('trackReceived', (name, track) => {
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
        v.stamps.push([readStamp(canvas, video), performance.timeOrigin + meta.presentationTime]);
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
    await v.reactor.connect();
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
};
