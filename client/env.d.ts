/** Modules that Vite provides at build time. */
declare module 'virtual:basemap' {
  const basemap: GeoJSON.FeatureCollection;
  export default basemap;
}
