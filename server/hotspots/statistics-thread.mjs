// The entry of a statistics worker thread (server/hotspots/workers.ts): plain JavaScript, because a
// thread does not inherit the tsx loader that runs the server's TypeScript; it loads
// statistics-worker.ts through tsx's API.
import { tsImport } from 'tsx/esm/api';

await tsImport('./statistics-worker.ts', import.meta.url);
