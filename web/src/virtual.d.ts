declare module 'virtual:departements' {
  const value: GeoJSON.FeatureCollection;
  export default value;
}
