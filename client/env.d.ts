/** Modules that Vite provides at build time. */
declare module 'virtual:basemap' {
  /** The URL of the basemap's GeoJSON (client/build/basemap-plugin.ts). */
  const basemapUrl: string;
  export default basemapUrl;
}

declare module 'virtual:maplibre-worker-url' {
  /** The URL of MapLibre's tile worker, built with the app (client/build/maplibre-source-plugin.ts). */
  const workerUrl: string;
  export default workerUrl;
}

/** Vite's `?url` import: the file is emitted as an asset and this is its public URL. */
declare module '*?url' {
  const url: string;
  export default url;
}

/** A stylesheet imported for its effect (Vite injects it), e.g. a chart library's CSS loaded with its panel. */
declare module '*.css';
