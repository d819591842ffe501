// The entry of a people thread (server/generate/people.ts starts it through
// server/db/copy-thread.ts): plain JavaScript, because a thread does not inherit the tsx loader
// that runs the server's TypeScript; it loads people-worker.ts through tsx's API.
import { tsImport } from 'tsx/esm/api';

await tsImport('./people-worker.ts', import.meta.url);
