// masterData: the descriptions of the places and products a document's events name, for its
// header (EPCIS master data).
// Params:  $glns: [String], $locationIds: [String], $gtins: [String]
// Returns: locations: [location{.*}], products: [product{.*}]
CALL () {
  MATCH (l:Location)
  WHERE l.gln IN $glns OR l.id IN $locationIds
  RETURN collect(l {.*}) AS locations
}
CALL () {
  MATCH (p:Product)
  WHERE p.gtin IN $gtins
  RETURN collect(p {.*}) AS products
}
RETURN locations, products
