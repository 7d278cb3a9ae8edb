// The login page and the React + aws-amplify v6 reference page, side by side, in one headless
// Chromium (Debian's, via playwright-core) against one running local-cognito:
//   - weight: every file each page loads, brotli -q 11 (window 24);
//   - until the username field is in the page and visible, timed from inside the page
//     (performance.now(), from navigation start);
//   - from submitting the password to the RespondToAuthChallenge request leaving the page
//     (InitiateAuth's round trip plus the SRP maths: what the person waits through).
// Loads alternate between the pages, a fresh browser context each, unthrottled and with the CPU
// slowed 4× (DevTools' Emulation.setCPUThrottlingRate), after warm-up loads that are not counted.
//
//   node page-timing.mjs <our dist> <reference dist> <local-cognito URL> [runs]
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';

const [oursArg, referenceArg, poolUrl, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 20);
const WARMUP = 2;
const endpoint = `${poolUrl.replace(/\/$/, '')}/`;
const ourConfig = JSON.stringify({
  auth: { aws_region: 'us-east-1', user_pool_id: 'us-east-1_HostedDemo', user_pool_client_id: 'hostedlogindemoclient00001' },
  hosted_login: { endpoint, default_flow: 'USER_SRP_AUTH', flow_choice: false },
});
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };

/** A static server for `dir`, with the single-page fallback; `config` replaces amplify_outputs.json. */
async function serve(dir, config) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (config && url.pathname === '/amplify_outputs.json') {
      return res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(config);
    }
    let file = path.join(root, decodeURIComponent(url.pathname));
    if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

/** Brotli -q 11 of every file at the top of a page's dist (what a person signing in downloads).
 * Not the folders: the login page's `locales/` holds the catalogues of the languages other than
 * English, each fetched only by its readers; nor the login page's second bundle
 * (`hosted-login-account-*`), loaded only at the pages beyond signing in. */
function weight(dir) {
  let total = 0;
  for (const name of fs.readdirSync(dir)) {
    if (fs.statSync(path.join(dir, name)).isDirectory()) continue;
    if (name.startsWith('hosted-login-account-')) continue;
    const bytes = fs.readFileSync(path.join(dir, name));
    total += zlib.brotliCompressSync(bytes, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_LGWIN]: 24 } }).length;
  }
  return total;
}

// Runs in each page before its own scripts (outside its CSP): when #username is first in the
// page and visible, when the form is submitted, and when RespondToAuthChallenge starts.
function instrument() {
  const visible = () => {
    const field = document.getElementById('username');
    return field && field.getClientRects().length > 0 && getComputedStyle(field).visibility !== 'hidden';
  };
  // Timed at the first frame that shows it (an animation frame runs just before the frame is
  // painted, and only once the page's stylesheets have loaded): a field parsed from the HTML is
  // in the DOM before it can be seen.
  new MutationObserver((_, observer) => {
    if (window.__fieldSeen === undefined && visible()) {
      window.__fieldSeen = true;
      observer.disconnect();
      requestAnimationFrame(() => { window.__visibleAt = performance.now(); });
    }
  }).observe(document, { childList: true, subtree: true, attributes: true });
  const realFetch = window.fetch;
  window.fetch = (input, init) => {
    const headers = input instanceof Request ? input.headers : new Headers(init?.headers ?? {});
    if (String(headers.get('x-amz-target') ?? '').endsWith('RespondToAuthChallenge') && window.__respondAt === undefined) {
      window.__respondAt = performance.now();
    }
    return realFetch(input, init);
  };
  addEventListener('submit', () => { window.__submitAt = performance.now(); }, true);
}

async function signIn(browser, origin, throttle) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (throttle > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  }
  await page.addInitScript(instrument);
  await page.goto(origin);
  await page.waitForFunction(() => window.__visibleAt !== undefined, null, { timeout: 60_000 });
  const visible = await page.evaluate(() => window.__visibleAt);
  await page.fill('#username', 'alice');
  await page.click('#continue');
  await page.waitForSelector('#password', { state: 'visible' });
  await page.fill('#password', 'Passw0rd!alice');
  await page.click('#continue');
  await page.waitForSelector('#signed-in-username', { timeout: 60_000 });
  const waited = await page.evaluate(() => window.__respondAt - window.__submitAt);
  await context.close();
  return { visible, waited };
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

const ours = await serve(oursArg, ourConfig);
const reference = await serve(referenceArg, null);
const pages = { 'this page (Rust + Yew)': ours.origin, 'React + aws-amplify v6': reference.origin };
const names = Object.keys(pages);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const results = {};
try {
  for (const throttle of [1, 4]) {
    const samples = Object.fromEntries(names.map((name) => [name, { visible: [], waited: [] }]));
    for (let run = 0; run < runs + WARMUP; run++) {
      // Alternate which page goes first, so neither always meets a warmer machine.
      const order = run % 2 ? [...names].reverse() : names;
      for (const name of order) {
        const { visible, waited } = await signIn(browser, pages[name], throttle);
        if (run >= WARMUP) { samples[name].visible.push(visible); samples[name].waited.push(waited); }
      }
    }
    results[throttle] = samples;
  }
} finally {
  await browser.close();
  ours.server.close();
  reference.server.close();
}

const [mine, theirs] = names;
const weights = { [mine]: weight(oursArg), [theirs]: weight(referenceArg) };
console.log(`${runs} loads of each page per condition (after ${WARMUP} warm-up loads), interleaved, fresh browser context each; medians\n`);
console.log('| measure | this page | React + aws-amplify v6 | ratio |\n|---|---:|---:|---:|');
console.log(`| weight, brotli -q 11 (B) | ${weights[mine]} | ${weights[theirs]} | ${(weights[mine] / weights[theirs]).toFixed(2)}× |`);
for (const throttle of [1, 4]) {
  const label = throttle > 1 ? ` (CPU ${throttle}× slower)` : '';
  for (const [key, measure] of [['visible', 'username field visible'], ['waited', 'password submit → RespondToAuthChallenge sent']]) {
    const a = median(results[throttle][mine][key]);
    const b = median(results[throttle][theirs][key]);
    console.log(`| ${measure}${label} (ms) | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(a / b).toFixed(2)}× |`);
  }
}
