// Runs in Chromium: the unmodified @reactor-team/js-sdk 2.9.0 in production mode
// (new Reactor({modelName, apiUrl}) + connect(jwt)) against a fleet coordinator. Each viewer has
// its own Reactor and <video>; the driver (fleet.mjs) reads snapshots through page.evaluate.
import { Reactor } from '@reactor-team/js-sdk';

const viewers = [];

window.fleet = {
  create(apiUrl, modelName = 'hello-pattern') {
    const reactor = new Reactor({ modelName, apiUrl });
    const v = { reactor, statuses: [], errors: [], frames: 0, width: 0, height: 0, connectError: null };
    const video = document.createElement('video');
    video.muted = true; video.autoplay = true; video.playsInline = true;
    document.body.append(video);
    v.video = video;
    reactor.on('statusChanged', s => v.statuses.push(s));
    reactor.on('error', e => v.errors.push(e));
    reactor.on('trackReceived', (name, track) => {
      video.srcObject = new MediaStream([track]);
      video.play().catch(() => {});
    });
    const onFrame = (now, meta) => {
      v.frames++;
      v.width = meta.width; v.height = meta.height;
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
    viewers.push(v);
    return viewers.length - 1;
  },
  // Not awaited by the driver: in production mode connect() resolves only once a runtime serves the session.
  connect(i, jwt) {
    const v = viewers[i];
    v.frames = 0;
    v.reactor.connect(jwt, { maxAttempts: 40 }).catch(e => { v.connectError = String(e && e.message || e); });
  },
  snapshot(i) {
    const v = viewers[i];
    return { status: v.reactor.getStatus(), statuses: v.statuses, sessionId: v.reactor.getSessionId() ?? null,
             errors: v.errors.map(e => e.code + ': ' + e.message), connectError: v.connectError,
             frames: v.frames, width: v.width, height: v.height,
             videoWidth: v.video.videoWidth, videoHeight: v.video.videoHeight };
  },
  async disconnect(i) { await viewers[i].reactor.disconnect(false); },
};
