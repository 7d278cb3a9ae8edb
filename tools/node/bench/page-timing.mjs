// Times the login page in headless Chromium (Debian's, via playwright-core), against a running
// local-cognito:
//   - until the username field is visible (from navigation start);
//   - from submitting the password to the RespondToAuthChallenge request leaving the page
//     (InitiateAuth's round trip plus the SRP maths: what the person waits through).
//
//   node page-timing.mjs <dist> <local-cognito URL> [runs]
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const [distArg, poolUrl, runsArg] = process.argv.slice(2);
const dist = path.resolve(distArg);
const runs = Number(runsArg ?? 15);
const config = JSON.stringify({
  auth: { aws_region: 'us-east-1', user_pool_id: 'us-east-1_HostedDemo', user_pool_client_id: 'hostedlogindemoclient00001' },
  hosted_login: { endpoint: `${poolUrl.replace(/\/$/, '')}/`, default_flow: 'USER_SRP_AUTH', flow_choice: false },
});
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css', '.svg': 'image/svg+xml' };
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/amplify_outputs.json') return res.writeHead(200, { 'content-type': 'application/json' }).end(config);
  let file = path.join(dist, decodeURIComponent(url.pathname));
  if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(dist, 'index.html');
  res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const visible = [];
const submitToRespond = [];
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (let run = 0; run < runs + 2; run++) {
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'page-timing-'));
    const context = await browser.newContext();
    const page = await context.newPage();
    // Instrumentation only (runs before the page, outside its CSP): when the form is submitted
    // and when RespondToAuthChallenge starts.
    await page.addInitScript(() => {
      const realFetch = window.fetch;
      window.fetch = (input, init) => {
        const headers = input instanceof Request ? input.headers : new Headers(init?.headers ?? {});
        const target = headers.get('x-amz-target');
        if (String(target ?? '').endsWith('RespondToAuthChallenge') && window.__respondAt === undefined) window.__respondAt = performance.now();
        return realFetch(input, init);
      };
      addEventListener('submit', () => { window.__submitAt = performance.now(); }, true);
    });
    await page.goto(origin);
    await page.waitForSelector('#username', { state: 'visible' });
    const shown = await page.evaluate(() => performance.now());
    await page.fill('#username', 'alice');
    await page.click('#continue');
    await page.waitForSelector('#password', { state: 'visible' });
    await page.fill('#password', 'Passw0rd!alice');
    await page.click('#continue');
    await page.waitForSelector('#signed-in-username');
    const waited = await page.evaluate(() => window.__respondAt - window.__submitAt);
    if (run >= 2) { visible.push(shown); submitToRespond.push(waited); }
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`median of ${runs} runs after 2 warm-up runs, fresh browser context each\n`);
console.log('| measure | median ms | min ms | max ms |\n|---|---:|---:|---:|');
for (const [name, xs] of [['username field visible (from navigation start)', visible], ['password submit → RespondToAuthChallenge sent', submitToRespond]]) {
  console.log(`| ${name} | ${median(xs).toFixed(0)} | ${Math.min(...xs).toFixed(0)} | ${Math.max(...xs).toFixed(0)} |`);
}
