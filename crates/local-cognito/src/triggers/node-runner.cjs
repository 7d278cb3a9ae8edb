// Runs one Lambda handler file, unchanged, the way Lambda's Node.js runtime would: the event
// comes on stdin, the result (or error) leaves as one JSON line on stdout. Handlers may be
// CommonJS (`exports.handler`) or ES modules (`export const handler`), async or callback /
// `context.done` style. The handler's own console output goes to stderr.
'use strict';
const { pathToFileURL } = require('node:url');

const handlerPath = process.argv[process.argv.length - 1];
const out = process.stdout;
for (const level of ['log', 'info', 'warn', 'debug']) console[level] = console.error;

let finished = false;
function finish(error, result) {
  if (finished) return;
  finished = true;
  const line = error
    ? { error: { errorMessage: String((error && error.message) || error), errorType: (error && error.name) || 'Error' } }
    : { result: result === undefined ? null : result };
  out.write(JSON.stringify(line) + '\n', () => process.exit(0));
}

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', async () => {
  try {
    const event = JSON.parse(input);
    const loaded = await import(pathToFileURL(handlerPath).href);
    const handler = loaded.handler ?? (loaded.default && loaded.default.handler);
    if (typeof handler !== 'function') throw new Error(`${handlerPath} exports no handler function`);
    const deadline = Date.now() + Number(process.env.LOCAL_COGNITO_TIMEOUT_MS || 5000);
    const context = {
      functionName: process.env.LOCAL_COGNITO_FUNCTION || 'local',
      awsRequestId: process.env.LOCAL_COGNITO_REQUEST_ID || 'local',
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
      callbackWaitsForEmptyEventLoop: true,
      done: finish,
      succeed: (result) => finish(null, result),
      fail: (error) => finish(error || new Error('failed')),
    };
    const returned = handler(event, context, finish);
    if (returned && typeof returned.then === 'function') finish(null, await returned);
  } catch (error) {
    finish(error);
  }
});
// A callback-style handler that never calls back ends like Lambda's: with a null result.
process.on('beforeExit', () => finish(null, null));
