/**
 * `WORKERS=N npm start`: N server processes on one port (node:cluster; the primary process accepts
 * connections and hands them to the workers in turn). Each worker is a whole server (buildApp) with
 * its own pool and caches; they share nothing in memory. Their caches agree because each keys on
 * the data versions and hears every change through its own LISTEN on the database, and each worker's
 * requests may go to any replica. A worker that dies is replaced; SIGINT or SIGTERM stops them all.
 */
import cluster from 'node:cluster';
import { step } from './output.js';

/** Fork `count` workers with `env` added to theirs; resolves once every one is listening. */
export async function runWorkers(count: number, env: Record<string, string>): Promise<void> {
  let stopping = false;
  const fork = () => cluster.fork(env);
  const listening = Array.from({ length: count }, () => new Promise<void>((resolve, reject) => {
    const worker = fork();
    worker.once('listening', () => resolve());
    worker.once('exit', (code) => reject(new Error(`a worker stopped while starting (exit code ${code})`)));
  }));
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    step(`worker ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another`);
    fork();
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
      let left = Object.keys(cluster.workers ?? {}).length;
      if (!left) process.exit(0);
      cluster.on('exit', () => {
        if (--left === 0) process.exit(0);
      });
    });
  }
  await Promise.all(listening);
}
