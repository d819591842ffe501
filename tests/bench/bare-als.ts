/**
 * The floor under povmap's warm tiles in Node: a bare `node:http` server, nothing but a Map lookup
 * and one write per request, answering the same bytes with the same headers as povmap's cache fast
 * path (tiles/fast-path.ts: ETag, Cache-Control, nosniff, Vary, type, length, Content-Encoding).
 * tiles.bench.ts runs it beside povmap and nginx, so the warm gap to nginx splits into what povmap's
 * own code costs (povmap ÷ this) and what Node's HTTP costs against nginx's sendfile (this ÷ nginx).
 * Started with an IPC channel: reads the files under BENCH_BARE_DIR (one per URL path, the query
 * ignored), sends { port } once listening, exits on 'close'.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const dir = process.env.BENCH_BARE_DIR;
if (!dir || !process.send) throw new Error('start me from tiles.bench.ts');

/** URL path → the flat header array and body of its 200 response. */
const answers = new Map<string, { headers: string[]; body: Buffer }>();
function load(folder: string): void {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      load(file);
      continue;
    }
    const body = fs.readFileSync(file);
    const headers = ['etag', `W/"${body.length.toString(36)}"`, 'cache-control', 'public, max-age=31536000, immutable', 'x-content-type-options', 'nosniff',
      'vary', 'Accept-Encoding', 'content-type', 'application/vnd.mapbox-vector-tile', 'content-length', String(body.length), 'content-encoding', 'gzip'];
    answers.set(`/${path.relative(dir!, file).split(path.sep).join('/')}`, { headers, body });
  }
}
load(dir);

import { AsyncLocalStorage } from 'node:async_hooks';
if (process.env.ALS) { const a = new AsyncLocalStorage(); a.enterWith(1); a.run(2, () => {}); }
const server = http.createServer((req, res) => {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const answer = answers.get(q === -1 ? url : url.slice(0, q));
  if (!answer) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, answer.headers);
  res.end(answer.body);
});
server.listen(0, '127.0.0.1', () => process.send!({ port: (server.address() as AddressInfo).port }));
process.on('message', (message) => {
  if (message === 'close') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
import inspector from 'node:inspector';
const session = new inspector.Session(); session.connect();
let profiling = false;
process.on('SIGUSR2', () => {
  if (!profiling) { session.post('Profiler.enable', () => session.post('Profiler.start')); profiling = true; return; }
  session.post('Profiler.stop', (err, { profile }) => { fs.writeFileSync('/tmp/bare.cpuprofile', JSON.stringify(profile)); profiling = false; console.log('profile written'); });
});
let sampling = false;
process.on('SIGUSR1', () => {
  if (!sampling) { session.post('HeapProfiler.enable', () => session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true })); sampling = true; return; }
  session.post('HeapProfiler.stopSampling', (err, { profile }) => { fs.writeFileSync('/tmp/bare.heapprofile', JSON.stringify(profile)); sampling = false; console.log('heap profile written'); });
});
