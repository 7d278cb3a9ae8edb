// Builds the React + aws-amplify v6 reference page into <out>/, its amplify_outputs.json bundled in:
//   node build.mjs <out dir> <amplify_outputs.json text>
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildReactPage } from '../react-page.mjs';

const [out, configText] = process.argv.slice(2);
await buildReactPage(path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.jsx'), out, configText);
