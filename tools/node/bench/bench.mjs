// The full client SRP math of a sign-in (A, key, signature), timed in this browser for our
// WASM build and the two JS libraries, interleaved so they share the machine's state.
import init, { client_full, client_full_num_bigint } from './pkg/cognito_srp_bench_web.js';
import { identityJsFull, amplifyFull } from './peers.js';
import { bigintFull } from './bigint-srp.mjs';

const params = new URLSearchParams(location.search);
const WARMUP = Number(params.get('warmup') ?? 5);
const RUNS = Number(params.get('runs') ?? 25);

// A fixed, realistic challenge (B from a real server-side computation would cost nothing extra).
const challenge = {
  poolId: 'us-east-1_BenchPool',
  userId: 'a1b2c3d4-e5f6-7890-abcd-ef0123456789',
  password: 'correct horse battery staple',
  salt: 'c0ffee0123456789abcdef0123456789',
  srpB: 'ab'.repeat(384),
  secretBlock: btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(96)))),
};

const implementations = {
  'Rust/WASM (cognito-srp)': async () => {
    const a = crypto.getRandomValues(new Uint8Array(128));
    return client_full(challenge.poolId, a, challenge.salt, challenge.srpB, challenge.secretBlock,
      challenge.userId, challenge.password, Date.now() / 1000);
  },
  'Rust/WASM with num-bigint modpow': async () => {
    const a = crypto.getRandomValues(new Uint8Array(128));
    return client_full_num_bigint(challenge.poolId, a, challenge.salt, challenge.srpB, challenge.secretBlock,
      challenge.userId, challenge.password, Date.now() / 1000);
  },
  'amazon-cognito-identity-js 6.3.21': () => identityJsFull(challenge),
  'aws-amplify 6.22.1': () => amplifyFull(challenge),
  'JS on native BigInt (reference point)': () => bigintFull(challenge),
};

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };

async function main() {
  await init();
  const names = Object.keys(implementations);
  const samples = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < WARMUP + RUNS; round++) {
    // Rotate the order each round so no implementation always runs first.
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length];
      const start = performance.now();
      await implementations[name]();
      const elapsed = performance.now() - start;
      if (round >= WARMUP) samples[name].push(elapsed);
    }
  }
  const amplify = median(samples['aws-amplify 6.22.1']);
  const rows = names.map((name) => ({
    name, median: median(samples[name]), min: Math.min(...samples[name]),
    max: Math.max(...samples[name]), runs: samples[name].length,
    vsAmplify: median(samples[name]) / amplify,
  }));
  window.benchResults = { userAgent: navigator.userAgent, warmup: WARMUP, rows };
  document.getElementById('results').textContent = JSON.stringify(window.benchResults, null, 2);
  document.getElementById('status').textContent = 'done';
}

main().catch((error) => {
  window.benchResults = { error: String(error && error.stack || error) };
  document.getElementById('status').textContent = 'failed: ' + error;
});
