declare module 'virtual:departements' {
  const value: GeoJSON.FeatureCollection;
  export default value;
}
declare module 'virtual:communes' {
  /** [name, lon, lat, population], largest first (data/communes.csv, communes with a point). */
  const value: Array<[string, number, number, number]>;
  export default value;
}
