// Bundles aws-amplify v6's auth API into <out>/ (app.js and index.html) with esbuild, for the
// browser tests that drive Amplify in Chromium against local-cognito:
//   node build.mjs <out dir>
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const [out] = process.argv.slice(2);
const here = path.dirname(fileURLToPath(import.meta.url));
fs.mkdirSync(out, { recursive: true });
await build({
  entryPoints: [path.join(here, 'main.js')],
  bundle: true,
  format: 'esm',
  target: 'es2022',
  outfile: path.join(out, 'app.js'),
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'warning',
});
fs.writeFileSync(
  path.join(out, 'index.html'),
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Amplify</title>'
    + '<script type="module" src="/app.js"></script></head><body></body></html>',
);
