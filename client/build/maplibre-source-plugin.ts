/**
 * Vite plugin (build time): MapLibre compiled from the TypeScript sources its package ships, in the
 * same Rollup graph as the app, with its tile worker emitted as a second entry of that graph.
 *
 * Why: the published `maplibre-gl.mjs` and `maplibre-gl-worker.mjs` are two closed bundles that each
 * carry their own copy of the code they share (style spec, expressions, geometry, protobuf…), so a
 * planner's browser downloads that code twice before the first tile can be drawn. Built here, Rollup
 * moves what the map and its worker both use into shared chunks: a module worker imports them by the
 * same URL the page already fetched, and the HTTP cache answers.
 *
 * `virtual:maplibre-worker-url` is the worker's URL. During `vite dev` it is the published worker file.
 *
 * MapLibre's sources are compiled as its own build compiles them, with `useDefineForClassFields: false`:
 * its typed struct arrays declare their views as fields that the base class's constructor fills, and
 * with define semantics those declarations would reset them to undefined after it ran.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { transformWithOxc, type Plugin } from 'vite';

const WORKER_URL_MODULE = 'virtual:maplibre-worker-url';
const RESOLVED_WORKER_URL_MODULE = `\0${WORKER_URL_MODULE}`;

export function maplibreSourcePlugin(): Plugin {
  const packageDir = dirname(createRequire(import.meta.url).resolve('maplibre-gl/package.json'));
  const sourceEntry = join(packageDir, 'src', 'index.ts');
  const workerEntry = join(packageDir, 'src', 'source', 'worker.ts');
  const sourceDir = join(packageDir, 'src') + '/';
  const isMaplibreSource = (id: string) => id.startsWith(sourceDir) && id.endsWith('.ts');
  let building = false;
  return {
    name: 'povmap-maplibre-source',
    enforce: 'pre',
    config() {
      // The chunk the map and its worker share gets a name that says so (Rollup would name it after
      // one of its modules, e.g. "tile_cache").
      return {
        // MapLibre's .ts files are compiled by transform() below, not by Vite's own TypeScript step
        oxc: { exclude: [/\.js$/, new RegExp(`^${sourceDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*\\.ts$`)] },
        build: {
          rollupOptions: {
            output: {
              chunkFileNames: (chunk: { facadeModuleId: string | null; moduleIds: readonly string[] }) =>
                chunk.facadeModuleId === null && chunk.moduleIds.some((id) => id.startsWith(packageDir + '/src/'))
                  ? 'assets/maplibre-shared-[hash].js'
                  : 'assets/[name]-[hash].js',
            },
          },
        },
      };
    },
    configResolved(config) {
      building = config.command === 'build';
    },
    resolveId(id) {
      if (id === WORKER_URL_MODULE) return RESOLVED_WORKER_URL_MODULE;
      if (building && id === 'maplibre-gl') return sourceEntry;
      return null;
    },
    async transform(code, id) {
      if (!building || !isMaplibreSource(id)) return null;
      const result = await transformWithOxc(code, id, {
        lang: 'ts',
        sourcemap: false,
        tsconfig: { compilerOptions: { target: 'ES2022', useDefineForClassFields: false } },
      });
      return { code: result.code, map: null };
    },
    load(id) {
      if (id !== RESOLVED_WORKER_URL_MODULE) return null;
      if (!building) return `export { default } from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';`;
      const reference = this.emitFile({ type: 'chunk', id: workerEntry, name: 'maplibre-worker' });
      return `export default import.meta.ROLLUP_FILE_URL_${reference};`;
    },
  };
}
