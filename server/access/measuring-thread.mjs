// The entry of a measuring thread (server/access/measure.ts starts it through
// server/db/copy-thread.ts): plain JavaScript, because a thread does not inherit the tsx loader
// that runs the server's TypeScript; it loads measuring-worker.ts through tsx's API.
import { tsImport } from 'tsx/esm/api';

await tsImport('./measuring-worker.ts', import.meta.url);
