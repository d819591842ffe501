/**
 * Vite plugin (build time): `<link rel="preload">` in index.html for MapLibre's tile worker, so the
 * browser fetches it while it still parses the main script: without a preload its fetch starts only
 * when the app has run (map/worker.ts), and tiles cannot be parsed before the worker is there. It is
 * an immutable asset (server/plugins/client.ts), so the worker's request is answered from the HTTP
 * cache the preload filled. Its name carries a content hash known only once the bundle is written,
 * hence a plugin rather than a line in index.html. (The basemap GeoJSON is not preloaded: the map
 * asks for it only after the first coloured frame, map/base-style.ts.)
 */
import type { Plugin } from 'vite';

export function workerPreloadPlugin(): Plugin {
  return {
    name: 'povmap-worker-preload',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const files = Object.keys(ctx.bundle ?? {});
        const worker = files.find((f) => /(^|\/)maplibre-worker-[^/]+\.js$/.test(f));
        if (!worker) throw new Error('MapLibre worker missing from the bundle (map/worker.ts imports it ?url)');
        return [
          { tag: 'link', attrs: { rel: 'preload', href: `/${worker}`, as: 'script', crossorigin: '' }, injectTo: 'head' },
        ];
      },
    },
  };
}
