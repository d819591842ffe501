// The entry of a households thread (server/generate/households.ts starts it through
// server/db/copy-thread.ts): plain JavaScript, because a thread does not inherit the tsx loader
// that runs the server's TypeScript; it loads households-worker.ts through tsx's API.
import { tsImport } from 'tsx/esm/api';

await tsImport('./households-worker.ts', import.meta.url);
