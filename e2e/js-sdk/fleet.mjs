// Drives the JS SDK in production mode against a fleet coordinator, in headless Chromium.
// Usage (inside scripts/netns-run):
//   node fleet.mjs --api http://10.203.0.1:PORT --api-key KEY [--page-host 10.203.0.2] queue
//   node fleet.mjs --api URL --api2 URL2 --api-key KEY [--page-host 10.203.0.2] walkthrough
// Scenario "queue": like a backend, exchange the API key for two tokens (GET /tokens); browser A
// connects and streams; browser B connects, waits while A streams, and streams once A disconnects.
// Scenario "walkthrough" (docs/fleet.md's one-machine walkthrough, two runtimes): browsers 1 and 2
// stream (through coordinators --api and --api2), browser 3 waits at position 1 in GET /fleet of
// both coordinators, and streams once browser 1 disconnects.
// Prints progress lines, then one line "RESULT <json>"; exits non-zero on failure.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle, launchChromium, options, runDriver, servePage, sleep } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const { args, opt } = options();
const api = opt('--api');
const apiKey = opt('--api-key');
const api2 = opt('--api2');
const pageHost = opt('--page-host') ?? '127.0.0.1';
const chromium = opt('--chromium') ?? '/usr/bin/chromium';
const waitMs = Number(opt('--wait-ms') ?? 4000);
const [scenario] = args;
if (!api || !apiKey || !['queue', 'walkthrough'].includes(scenario) || (scenario === 'walkthrough' && !api2)) {
  console.error('usage: node fleet.mjs --api URL [--api2 URL2] --api-key KEY [--page-host IP] queue|walkthrough'); process.exit(2);
}

const log = (...m) => console.log('[fleet-e2e]', ...m);

async function token() {
  const response = await fetch(`${api}/tokens`, { headers: { 'Reactor-API-Key': apiKey } });
  if (!response.ok) throw new Error(`GET /tokens: ${response.status} ${await response.text()}`);
  return (await response.json()).jwt;
}

const snap = (page, i) => page.evaluate(i => window.fleet.snapshot(i), i);

async function until(page, i, test, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const s = await snap(page, i);
    if (s.connectError) throw new Error(`viewer ${i}: connect failed: ${s.connectError}`);
    if (test(s)) return s;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}: ` + JSON.stringify(await snap(page, i)).slice(0, 2000));
}

async function queue(page) {
  const [jwtA, jwtB] = [await token(), await token()];
  const a = await page.evaluate(api => window.fleet.create(api), api);
  const b = await page.evaluate(api => window.fleet.create(api), api);
  await page.evaluate(([i, t]) => window.fleet.connect(i, t), [a, jwtA]);
  const aStreaming = await until(page, a, s => s.status === 'ready' && s.frames >= 30, 60000, 'A streaming');
  log('A streams', aStreaming.videoWidth + 'x' + aStreaming.videoHeight);
  await page.evaluate(([i, t]) => window.fleet.connect(i, t), [b, jwtB]);
  await until(page, b, s => s.status === 'waiting' && s.sessionId, 20000, 'B waiting in the queue');
  const bSession = (await snap(page, b)).sessionId;
  log('B waits as', bSession);
  await sleep(waitMs);
  const bWhileA = await snap(page, b);
  const aBeforeDisconnect = await snap(page, a);
  await page.evaluate(i => window.fleet.disconnect(i), a);
  log('A disconnected');
  const bStreaming = await until(page, b, s => s.status === 'ready' && s.frames >= 30, 90000, 'B streaming after A left');
  log('B streams', bStreaming.videoWidth + 'x' + bStreaming.videoHeight);
  await page.evaluate(i => window.fleet.disconnect(i), b);
  return { a: aBeforeDisconnect, bWhileA, b: bStreaming, bSession, aFinal: await snap(page, a), bFinal: await snap(page, b) };
}

async function fleetOf(base, jwt) {
  const response = await fetch(`${base}/fleet`, { headers: { Authorization: `Bearer ${jwt}` } });
  if (!response.ok) throw new Error(`GET ${base}/fleet: ${response.status} ${await response.text()}`);
  return response.json();
}

async function walkthrough(page) {
  const ids = [];
  for (const base of [api, api2, api]) ids.push(await page.evaluate(base => window.fleet.create(base), base));
  const jwts = [await token(), await token(), await token()];
  for (const k of [0, 1]) {
    await page.evaluate(([i, t]) => window.fleet.connect(i, t), [ids[k], jwts[k]]);
    const s = await until(page, ids[k], s => s.status === 'ready' && s.frames >= 30, 90000, `browser ${k + 1} streaming`);
    log(`browser ${k + 1} streams ${s.videoWidth}x${s.videoHeight} through ${k === 0 ? api : api2}`);
  }
  await page.evaluate(([i, t]) => window.fleet.connect(i, t), [ids[2], jwts[2]]);
  await until(page, ids[2], s => s.status === 'waiting' && s.sessionId, 20000, 'browser 3 waiting in the queue');
  const waiting = (await snap(page, ids[2])).sessionId;
  log('browser 3 waits as', waiting);
  await sleep(waitMs);
  const fleets = [await fleetOf(api, jwts[0]), await fleetOf(api2, jwts[0])];
  fleets.forEach((f, k) => log(`GET /fleet of ${k ? api2 : api}:`, JSON.stringify(f)));
  const threeWhileFull = await snap(page, ids[2]);
  await page.evaluate(i => window.fleet.disconnect(i), ids[0]);
  log('browser 1 disconnected');
  const threeStreaming = await until(page, ids[2], s => s.status === 'ready' && s.frames >= 30, 90000, 'browser 3 streaming');
  log(`browser 3 streams ${threeStreaming.videoWidth}x${threeStreaming.videoHeight}`);
  const two_ = await snap(page, ids[1]);
  for (const k of [1, 2]) await page.evaluate(i => window.fleet.disconnect(i), ids[k]);
  return { waiting, fleets, threeWhileFull, three: threeStreaming, two: two_ };
}

await runDriver(async resources => {
  const bundled = path.join(here, 'dist', 'fleet-page.js');
  await bundle(path.join(here, 'fleet-page.js'), bundled);
  resources.server = await servePage(bundled, pageHost);
  resources.browser = await launchChromium(chromium);
  const page = await resources.browser.newPage();
  page.on('console', m => { if (m.type() === 'error') log('page error:', m.text()); });
  await page.goto(`http://${pageHost}:${resources.server.address().port}/`);
  await page.waitForFunction(() => window.fleet !== undefined);
  return scenario === 'walkthrough' ? await walkthrough(page) : await queue(page);
});
