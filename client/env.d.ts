/** Modules that Vite provides at build time. */
declare module 'virtual:basemap' {
  const basemap: GeoJSON.FeatureCollection;
  export default basemap;
}

/** Vite's `?url` import: the file is emitted as an asset and this is its public URL. */
declare module '*?url' {
  const url: string;
  export default url;
}

/** A stylesheet imported for its effect (Vite injects it), e.g. a chart library's CSS loaded with its panel. */
declare module '*.css';
