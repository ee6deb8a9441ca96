// One scenario, driven with the npm package "aria2" (a JSON-RPC client for
// aria2 no one here wrote), against whatever listens on --port: ferry daemon
// or a real aria2c. Prints one JSON transcript on stdout: every step's answer
// (or error) with GIDs replaced by labels and the download folder by <dir>,
// plus the notifications seen over the WebSocket. tst_rpc_daemon checks the
// transcript and the files on disk, and compares the two transcripts field
// by field (the oracle). Usage:
//   node aria2_scenario.js PORT SECRET BASE_URL DIR
'use strict';
const Aria2 = require('aria2');

const [port, secret, base, dir] = process.argv.slice(2);
const steps = [];
const notes = [];
const labels = new Map(); // gid -> label
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function normalize(value) {
  if (typeof value === 'string') {
    let s = value;
    for (const [gid, label] of labels) s = s.split(gid).join('<' + label + '>');
    if (dir) s = s.split(dir).join('<dir>');
    return s;
  }
  if (Array.isArray(value)) return value.map(normalize);
  if (value && typeof value === 'object') {
    const out = {};
    for (const k of Object.keys(value).sort()) out[k] = normalize(value[k]);
    return out;
  }
  return value;
}

async function step(name, call) {
  try {
    const result = await call();
    steps.push({ step: name, result: normalize(result) });
    return result;
  } catch (e) {
    steps.push({ step: name, error: normalize(String(e.message || e)), code: e.code });
    return undefined;
  }
}

// addUri, with the GID labelled before anything else can mention it.
async function add(client, name, uri, options, position) {
  let gid;
  await step('addUri ' + name, async () => {
    const args = position === undefined ? [[uri], options] : [[uri], options, position];
    gid = await client.call('addUri', ...args);
    if (typeof gid === 'string') labels.set(gid, name);
    return /^[0-9a-f]{16}$/.test(gid) ? 'a GID' : gid;
  });
  return gid;
}

async function waitFor(client, gid, statuses, ms = 20000) {
  const end = Date.now() + ms;
  for (;;) {
    const s = await client.call('tellStatus', gid, ['status']);
    if (statuses.includes(s.status) || Date.now() > end) return s.status;
    await sleep(50);
  }
}

(async () => {
  const client = new Aria2({ host: '127.0.0.1', port: Number(port), secret });
  const stranger = new Aria2({ host: '127.0.0.1', port: Number(port), secret: 'wrong-' + secret });
  const opts = (out, extra) => Object.assign({ dir, out }, extra || {});

  // --- over HTTP POST ----------------------------------------------------
  await step('listNotifications', () => client.listNotifications());
  await step('unauthorized', () => stranger.call('getGlobalStat'));
  await step('noSuchMethod', () => client.call('nope'));
  const a = await add(client, 'a', base + '/a.bin', opts('a.bin', { pause: 'true' }));
  const b = await add(client, 'b', base + '/b.bin', opts('b.bin', { pause: 'true' }));
  const c = await add(client, 'c', base + '/c.bin', opts('c.bin', { pause: 'true' }), 0);
  const waitingGids = async () => (await client.call('tellWaiting', 0, 100, ['gid'])).map((e) => e.gid);
  await step('waiting after add at 0', waitingGids);
  await step('tellStatus a', () => client.call('tellStatus', a));
  await step('tellStatus a by prefix', () => client.call('tellStatus', a.slice(0, 10), ['gid', 'status']));
  await step('tellStatus bad gid', () => client.call('tellStatus', 'xyz'));
  await step('tellStatus unknown gid', () => client.call('tellStatus', [a, b, c].includes('0123456789abcdef') ? 'fedcba9876543210' : '0123456789abcdef'));
  await step('tellStatus wrong type', () => client.call('tellStatus', 42));
  await step('changePosition b 0 SET', () => client.call('changePosition', b, 0, 'POS_SET'));
  await step('waiting after b to 0', waitingGids);
  await step('changePosition b 1 CUR', () => client.call('changePosition', b, 1, 'POS_CUR'));
  await step('changePosition a -1 END', () => client.call('changePosition', a, -1, 'POS_END'));
  await step('waiting after moves', waitingGids);
  await step('changePosition bad how', () => client.call('changePosition', a, 0, 'POS_NOWHERE'));
  await step('tellWaiting -1 2', async () => (await client.call('tellWaiting', -1, 2, ['gid'])).map((e) => e.gid));
  await step('tellWaiting 1 1', async () => (await client.call('tellWaiting', 1, 1, ['gid', 'status'])));
  await step('getGlobalStat paused', async () => {
    const s = await client.call('getGlobalStat');
    return { numActive: s.numActive, numWaiting: s.numWaiting, numStopped: s.numStopped };
  });
  await step('unpause a twice', async () => [await client.call('unpause', a), await client.call('unpause', a).catch((e) => e.message)]);
  await step('a completes', () => waitFor(client, a, ['complete', 'error']));
  await step('tellStatus a complete', () => client.call('tellStatus', a, ['status', 'totalLength', 'completedLength', 'errorCode', 'dir', 'files']));
  await step('getFiles a', () => client.call('getFiles', a));
  await step('getUris a', () => client.call('getUris', a));
  await step('pause complete', () => client.call('pause', a));
  await step('remove complete', () => client.call('remove', a));

  // --- over the WebSocket ------------------------------------------------
  await client.open();
  for (const event of ['onDownloadStart', 'onDownloadPause', 'onDownloadStop', 'onDownloadComplete', 'onDownloadError'])
    client.on(event, ([e]) => notes.push(event + ' ' + e.gid)); // labelled at the end: aria2 may announce a GID before addUri's answer arrives
  await step('ws getGlobalOption', async () => {
    const o = await client.call('getGlobalOption');
    return typeof o === 'object' && 'max-concurrent-downloads' in o;
  });
  await step('ws changeGlobalOption', () => client.call('changeGlobalOption', { 'max-concurrent-downloads': '2' }));
  await step('ws max-concurrent-downloads', async () => (await client.call('getGlobalOption'))['max-concurrent-downloads']);
  await step('ws unpause c', () => client.call('unpause', c));
  await step('ws c completes', () => waitFor(client, c, ['complete', 'error']));
  const missing = await add(client, 'm', base + '/missing.bin', opts('missing.bin'));
  await step('ws missing fails', () => waitFor(client, missing, ['complete', 'error']));
  await step('ws tellStatus missing', () => client.call('tellStatus', missing, ['status', 'errorCode']));
  // A slow download: paused and resumed while it runs, then removed.
  const d = await add(client, 'd', base + '/slow.bin', opts('slow.bin'));
  await step('ws d starts', () => waitFor(client, d, ['active']));
  await step('ws pause active d', () => client.call('pause', d));
  await step('ws d paused', () => waitFor(client, d, ['paused']));
  await step('ws unpause d', () => client.call('unpause', d));
  await step('ws d active again', () => waitFor(client, d, ['active']));
  await step('ws getServers d', async () => (await client.call('getServers', d)).map((f) => [f.index, f.servers.length > 0]));
  await step('ws remove active d', () => client.call('remove', d));
  await step('ws d removed', () => waitFor(client, d, ['removed']));
  await step('ws tellStatus removed d', () => client.call('tellStatus', d, ['status', 'errorCode', 'totalLength']));
  await step('ws remove paused b', () => client.call('remove', b));
  await step('ws removed b', async () => { await sleep(300); return client.call('tellStatus', b, ['status', 'errorCode']); });
  await step('ws multicall', () => client.multicall([['tellStatus', c, ['status']], ['tellStatus', 'xyz'], ['getGlobalStat']]).then((r) => [r[0], r[1], Object.keys(r[2][0]).sort()]));
  await step('ws batch', async () => Promise.all(await client.batch([['getUris', c], ['nope']])).catch((e) => e.message));
  await step('ws tellStopped', async () => (await client.call('tellStopped', 0, 100, ['gid', 'status'])));
  await step('ws tellStopped -1 2', async () => (await client.call('tellStopped', -1, 2, ['gid'])).map((e) => e.gid));
  await step('ws removeDownloadResult b', () => client.call('removeDownloadResult', b));
  await step('ws tellStatus b gone', () => client.call('tellStatus', b));
  await step('ws purgeDownloadResult', () => client.call('purgeDownloadResult'));
  await step('ws stopped after purge', async () => (await client.call('getGlobalStat')).numStopped);
  await sleep(300); // the last notifications
  await client.close();
  process.stdout.write(JSON.stringify({ steps, notifications: normalize(notes) }, null, 1) + '\n');
})().catch((e) => {
  process.stderr.write('scenario failed: ' + (e.stack || e) + '\n');
  process.exit(1);
});
