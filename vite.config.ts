import { defineConfig } from 'vite';
import { basemapPlugin } from './client/build/basemap-plugin.js';
import { maplibreSourcePlugin } from './client/build/maplibre-source-plugin.js';
import { precompressPlugin } from './client/build/precompress-plugin.js';
import { workerPreloadPlugin } from './client/build/worker-preload-plugin.js';

// The map client lives in client/ and is served by Fastify from dist/client. No source maps in the
// build: what `npm start` serves is the minified client only (server/plugins/client.ts refuses *.map).
export default defineConfig({
  root: 'client',
  base: '/',
  plugins: [maplibreSourcePlugin(), basemapPlugin(), workerPreloadPlugin(), precompressPlugin()],
  build: { outDir: '../dist/client', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 2500 },
  server: { proxy: { '/api': 'http://127.0.0.1:3000', '/tiles': 'http://127.0.0.1:3000' } },
});
