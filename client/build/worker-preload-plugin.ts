/**
 * Vite plugin (build time): `<link rel="preload">` in index.html for what MapLibre's tile worker
 * fetches before the first frame, so the browser fetches it while it still parses the main script:
 *   - the worker itself: without a preload its fetch starts only when the app has run
 *     (map/worker.ts), and tiles cannot be parsed before the worker is there;
 *   - the basemap GeoJSON (virtual:basemap): the worker asks for it only once the style is loaded,
 *     a request after the script's download, compile and run, and before the basemap tiles can be cut.
 * Both are immutable assets (server/plugins/client.ts), so the worker's own requests are answered
 * from the HTTP cache the preloads filled (the worker has a fetch context of its own: a preload's
 * response reaches it through that cache, not the page's preload list). Their names carry content
 * hashes known only once the bundle is written, hence a plugin rather than lines in index.html.
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
        const basemap = files.find((f) => /(^|\/)basemap-[^/]+\.json$/.test(f));
        if (!basemap) throw new Error('basemap GeoJSON missing from the bundle (map/base-style.ts imports virtual:basemap)');
        return [
          { tag: 'link', attrs: { rel: 'preload', href: `/${worker}`, as: 'script', crossorigin: '' }, injectTo: 'head' },
          // as=fetch with crossorigin: the mode and credentials of MapLibre's fetch of it
          { tag: 'link', attrs: { rel: 'preload', href: `/${basemap}`, as: 'fetch', crossorigin: 'anonymous' }, injectTo: 'head' },
        ];
      },
    },
  };
}
