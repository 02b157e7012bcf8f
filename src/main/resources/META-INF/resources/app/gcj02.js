// WGS-84 → GCJ-02, for tile layers of Chinese web maps (AMap and others), which sit hundreds of
// metres off a WGS-84 point. The same transform as the service's geo.ChinaCoordinates.
const A = 6378245.0;
const EE = 0.00669342162296594323;

function latitudeShift(x, y) {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
  r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
  r += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
  return r;
}

function longitudeShift(x, y) {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
  r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
  r += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
  return r;
}

/** [longitude, latitude] in GCJ-02 of a WGS-84 point. */
export function toGcj02(longitude, latitude) {
  const radLat = latitude / 180.0 * Math.PI;
  const magic = 1 - EE * Math.sin(radLat) * Math.sin(radLat);
  const sqrtMagic = Math.sqrt(magic);
  const dLat = latitudeShift(longitude - 105.0, latitude - 35.0) * 180.0 / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
  const dLon = longitudeShift(longitude - 105.0, latitude - 35.0) * 180.0 / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
  return [longitude + dLon, latitude + dLat];
}
