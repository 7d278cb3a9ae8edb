// Cognito's SRP client math on the browser's native BigInt and Web Crypto: the "JS on native
// BigInt" reference point of the benchmark (the issue quotes 33–45 ms for such an
// implementation when Amplify took 360–460 ms). Written for this bench only.
const N = BigInt('0x' + [
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A0879',
  '8E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B',
  '0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA4836',
  '1C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804',
  'F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6',
  '955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64',
  'ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D226',
  '1AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E2',
  '08E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF'].join(''));
const g = 2n;

function modPow(base, exp, mod) {
  let result = 1n;
  base %= mod;
  while (exp > 0n) {
    if (exp & 1n) result = (result * base) % mod;
    base = (base * base) % mod;
    exp >>= 1n;
  }
  return result;
}

function padHex(x) {
  let hex = x.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  if ('89abcdef'.includes(hex[0])) hex = '00' + hex;
  return hex;
}
const bytes = (hex) => Uint8Array.from(hex.match(/../g) ?? [], (b) => parseInt(b, 16));
const hexOf = (buf) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
const concat = (...parts) => { const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0)); let at = 0; for (const p of parts) { out.set(p, at); at += p.length; } return out; };
const sha256 = async (data) => new Uint8Array(await crypto.subtle.digest('SHA-256', data));
const hmac = async (key, data) => new Uint8Array(await crypto.subtle.sign('HMAC',
  await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']), data));
const utf8 = (s) => new TextEncoder().encode(s);

let k;
export async function bigintFull(c) {
  k ??= BigInt('0x' + hexOf(await sha256(concat(bytes(padHex(N)), bytes(padHex(g))))));
  const poolName = c.poolId.split('_')[1];
  const a = BigInt('0x' + hexOf(crypto.getRandomValues(new Uint8Array(128))));
  const A = modPow(g, a, N);
  const B = BigInt('0x' + c.srpB);
  const u = BigInt('0x' + hexOf(await sha256(concat(bytes(padHex(A)), bytes(padHex(B))))));
  const identity = await sha256(utf8(`${poolName}${c.userId}:${c.password}`));
  const x = BigInt('0x' + hexOf(await sha256(concat(bytes(padHex(BigInt('0x' + c.salt))), identity))));
  const base = ((B - k * modPow(g, x, N)) % N + N) % N;
  const S = modPow(base, a + u * x, N);
  const prk = await hmac(bytes(padHex(u)), bytes(padHex(S)));
  const key = (await hmac(prk, concat(utf8('Caldera Derived Key'), Uint8Array.of(1)))).slice(0, 16);
  const block = Uint8Array.from(atob(c.secretBlock), (ch) => ch.charCodeAt(0));
  const signature = await hmac(key, concat(utf8(poolName), utf8(c.userId), block, utf8(new Date().toUTCString())));
  return btoa(String.fromCharCode(...signature));
}
