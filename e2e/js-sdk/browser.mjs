// What the driver scripts here (run.mjs, fleet.mjs, viewer-page.mjs) share: their options, the page bundle
// and the server that serves it from another origin than the API, headless Chromium, and the one
// "RESULT <json>" line they end with (exit code 1 on failure).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import puppeteer from 'puppeteer-core';

export const sleep = ms => new Promise(r => setTimeout(r, ms));

/** The command line's --name value options; opt(name) takes one out, what is left are the positional arguments. */
export function options(argv = process.argv.slice(2)) {
  const args = [...argv];
  const opt = name => { const i = args.indexOf(name); if (i < 0) return undefined; const v = args[i + 1]; args.splice(i, 2); return v; };
  return { args, opt };
}

/** Bundles a page script (the SDK reads process.env.NODE_ENV, so it needs a bundler; well under a second). */
export async function bundle(entry, outfile) {
  await esbuild.build({ entryPoints: [entry], bundle: true, format: 'iife',
    define: { 'process.env.NODE_ENV': '"production"' }, outfile, logLevel: 'warning' });
}

/** Serves an empty page that loads the bundle, on HOST:free port: another origin than the API, so CORS preflights happen. */
export function servePage(bundleFile, host) {
  const name = '/' + path.basename(bundleFile);
  const js = fs.readFileSync(bundleFile);
  const html = `<!doctype html><html><body style="margin:0;background:#000"><script src="${name}"></script></body></html>`;
  const server = http.createServer((req, res) => {
    if (req.url.startsWith(name)) { res.writeHead(200, { 'Content-Type': 'text/javascript' }); res.end(js); }
    else { res.writeHead(200, { 'Content-Type': 'text/html' }); res.end(html); }
  });
  return new Promise(resolve => server.listen(0, host, () => resolve(server)));
}

/** Debian's Chromium, headless, in a fresh profile, with nothing that phones home or throttles a background page. */
export function launchChromium(executablePath, extraArgs = []) {
  return puppeteer.launch({
    executablePath, headless: true, userDataDir: fs.mkdtempSync('/tmp/reactor-chromium-'),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
           '--disable-background-networking', '--disable-component-update', '--disable-sync',
           '--autoplay-policy=no-user-gesture-required', '--disable-background-timer-throttling',
           '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows', ...extraArgs],
  });
}

/**
 * Runs a driver: scenario(resources) returns the result; resources.browser and resources.server, once set,
 * are closed afterwards, whatever happened. Prints "RESULT <json>" and exits 0, or 1 on an error.
 */
export async function runDriver(scenario) {
  const resources = {};
  let code = 0;
  try {
    const result = await scenario(resources);
    console.log('RESULT ' + JSON.stringify({ ok: true, ...result }));
  } catch (e) {
    console.log('RESULT ' + JSON.stringify({ ok: false, error: String(e && e.stack || e) }));
    code = 1;
  } finally {
    if (resources.browser) await resources.browser.close().catch(() => {});
    if (resources.server) resources.server.close();
  }
  process.exit(code);
}
