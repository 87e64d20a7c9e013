// Drives one LiveKit viewer in headless Debian Chromium (never a downloaded browser) and prints
// what it saw as one line: RESULT {json}. The Java test (LiveKitBrowserTest) makes the
// assertions; this script only observes, within bounded waits, and always exits.
//
// usage: node run.mjs '{"page":"http://10.203.0.1:P/","url":"ws://10.203.0.1:7880","token":"…",
//                       "single":true,"frames":30,"command":{"type":"set_palette","data":{"palette":"cool"}},
//                       "expectMessage":["\"type\":\"state\"","\"palette\":\"cool\""],"timeoutMs":40000}'
// expectMessage: substrings one received data message must all contain (the command's visible effect).
import { runWithChromium, sleep } from './chromium.mjs';

const config = JSON.parse(process.argv[2]);
await runWithChromium([], async (browser) => {
  const page = await browser.newPage();
  const console_ = [];
  page.on('console', (m) => { if (console_.length < 200) console_.push(`${m.type()}: ${m.text()}`); });
  const query = new URLSearchParams({ url: config.url, token: config.token, single: config.single ? '1' : '0' });
  await page.goto(`${config.page}?${query}`);
  const deadline = Date.now() + (config.timeoutMs || 40000);
  const result = () => page.evaluate(() => window.result);
  let r = await result();
  // 1. connected (or failed), 2. enough frames decoded, 3. the command's effect comes back.
  while (Date.now() < deadline && r.state === 'starting') { await sleep(100); r = await result(); }
  if (r.state === 'connected') {
    while (Date.now() < deadline && r.framesDecoded < (config.frames ?? 30)) { await sleep(200); r = await result(); }
    if (config.command) {
      await page.evaluate((c) => window.sendCommand(c), config.command);
      const expected = [].concat(config.expectMessage || []);
      while (Date.now() < deadline && !r.data.some((d) => expected.every((part) => d.text.includes(part)))) {
        await sleep(100); r = await result();
      }
    }
    if (config.holdMs) {
      // Keep watching (e.g. past the signal ping timeout) before leaving.
      await sleep(config.holdMs);
      r = await result();
    }
    if (config.leave) {
      await page.evaluate(() => window.leave());
      await sleep(300);
      r = await result();
    }
  }
  return { result: r, console: console_.slice(-40) };
});
