// The territory the app covers: Turin and the six CIdiS municipalities (Beinasco, Bruino,
// Orbassano, Piossasco, Rivalta di Torino, Volvera). EPSG:4326 [west, south, east, north],
// the union of the municipalities' bboxes from GET /api/areas?kind=municipality, rounded out.
export const TERRITORY_BOUNDS: [number, number, number, number] = [7.376, 44.933, 7.773, 45.141]
