// Serves the built bench page (argv[2]) on a free 127.0.0.1 port, opens it in headless Chromium
// (Debian's /usr/bin/chromium, driven by playwright-core) and prints a Markdown table.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(process.argv[2]);
const runs = process.env.RUNS ?? '25';
const types = { '.html': 'text/html', '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm' };
const server = http.createServer((req, res) => {
  const file = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
  if (!file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
  fs.createReadStream(file).pipe(res);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const { port } = server.address();

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'srp-bench-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(`http://127.0.0.1:${port}/index.html?runs=${runs}`);
  await page.waitForFunction(() => window.benchResults, null, { timeout: 600_000 });
  const results = await page.evaluate(() => window.benchResults);
  if (results.error) throw new Error(results.error);
  console.log(`${results.userAgent}\nmedian of ${results.rows[0].runs} runs after ${results.warmup} warm-up rounds, interleaved\n`);
  console.log('| implementation | median ms | min ms | max ms | × aws-amplify |');
  console.log('|---|---:|---:|---:|---:|');
  for (const r of results.rows) {
    console.log(`| ${r.name} | ${r.median.toFixed(1)} | ${r.min.toFixed(1)} | ${r.max.toFixed(1)} | ${r.vsAmplify.toFixed(3)} |`);
  }
} finally {
  await browser.close();
  server.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
