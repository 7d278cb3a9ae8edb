// Builds the Amplify UI <Authenticator> page into <out>/ with esbuild (minified, as a production
// Vite build would ship it; its stylesheet as a file), its amplify_outputs.json bundled in:
//   node build.mjs <out dir> <amplify_outputs.json text>
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const [out, configText] = process.argv.slice(2);
const here = path.dirname(fileURLToPath(import.meta.url));
fs.mkdirSync(out, { recursive: true });
await build({
  entryPoints: [path.join(here, 'main.jsx')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  jsx: 'automatic',
  outfile: path.join(out, 'app.js'),
  define: {
    'process.env.NODE_ENV': '"production"',
    REFERENCE_CONFIG: JSON.stringify(JSON.parse(configText)),
  },
  logLevel: 'warning',
});
fs.writeFileSync(
  path.join(out, 'index.html'),
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
    + '<title>Sign in</title><link rel="stylesheet" href="/app.css"><script type="module" src="/app.js"></script></head>'
    + '<body><div id="root"></div></body></html>',
);
