// AriaNg-style polling against an aria2 JSON-RPC server (ferry daemon or
// aria2c): fills the list with N downloads (half of them finished from a
// local file server, half paused), then times what AriaNg sends every second
// -- tellActive, tellWaiting(0,1000) and tellStopped(-1,1000) with AriaNg's
// keys -- over one keep-alive HTTP connection. Prints one JSON line.
//   node rpc_poll.js PORT SECRET FILE_URL DIR N ROUNDS
'use strict';
const http = require('http');

const [port, secret, fileUrl, dir, nText, roundsText] = process.argv.slice(2);
const n = Number(nText);
const rounds = Number(roundsText);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let id = 0;

function call(method, ...params) {
  const body = JSON.stringify({ jsonrpc: '2.0', id: String(++id), method, params: ['token:' + secret, ...params] });
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/jsonrpc', method: 'POST', agent,
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const answer = JSON.parse(Buffer.concat(chunks).toString());
        if (answer.error) reject(new Error(method + ': ' + answer.error.message));
        else resolve({ result: answer.result, bytes: Buffer.concat(chunks).length });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

// The keys AriaNg asks for in its task list.
const keys = ['gid', 'totalLength', 'completedLength', 'uploadSpeed', 'downloadSpeed', 'connections', 'numSeeders',
  'seeder', 'status', 'errorCode', 'verifiedLength', 'verifyIntegrityPending', 'files', 'bittorrent', 'infoHash'];

function median(xs) { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }
function p95(xs) { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))]; }

(async () => {
  const finished = Math.floor(n / 2);
  for (let i = 0; i < n; ++i) {
    const options = { dir, out: 'f' + i + '.bin' };
    if (i >= finished) options.pause = 'true';
    await call('aria2.addUri', [fileUrl + '?n=' + i], options);
  }
  // Wait until the finished half is in tellStopped.
  for (let t = 0; t < 600; ++t) {
    const stat = (await call('aria2.getGlobalStat')).result;
    if (Number(stat.numStopped) >= finished && Number(stat.numActive) === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const stat = (await call('aria2.getGlobalStat')).result;
  const times = { tellActive: [], tellWaiting: [], tellStopped: [] };
  const sizes = {};
  for (let r = 0; r < rounds; ++r) {
    for (const [name, args] of [['tellActive', [keys]], ['tellWaiting', [0, 1000, keys]], ['tellStopped', [-1, 1000, keys]]]) {
      const start = process.hrtime.bigint();
      const { result, bytes } = await call('aria2.' + name, ...args);
      times[name].push(Number(process.hrtime.bigint() - start) / 1e6);
      sizes[name] = { entries: result.length, bytes };
    }
  }
  const out = { numStopped: stat.numStopped, numWaiting: stat.numWaiting };
  for (const name of Object.keys(times))
    out[name] = { medianMs: +median(times[name]).toFixed(2), p95Ms: +p95(times[name]).toFixed(2), ...sizes[name] };
  process.stdout.write(JSON.stringify(out) + '\n');
  agent.destroy();
})().catch((e) => { process.stderr.write(String(e.stack || e) + '\n'); process.exit(1); });
