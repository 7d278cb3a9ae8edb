// Builds a React page into <out>/ with esbuild (minified, as a production Vite build would ship
// it; a stylesheet it imports becomes app.css), an amplify_outputs.json text bundled in as
// REFERENCE_CONFIG. Used by reference-page/build.mjs and authenticator-page/build.mjs.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

export async function buildReactPage(entry, out, configText) {
  fs.mkdirSync(out, { recursive: true });
  await build({
    entryPoints: [entry],
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
  const stylesheet = fs.existsSync(path.join(out, 'app.css')) ? '<link rel="stylesheet" href="/app.css">' : '';
  fs.writeFileSync(
    path.join(out, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
      + `<title>Sign in</title>${stylesheet}<script type="module" src="/app.js"></script></head><body><div id="root"></div></body></html>`,
  );
}
