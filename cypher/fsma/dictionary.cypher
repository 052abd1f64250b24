// dictionary: every location and product description, read once per export: the record
// statements give ids, and these their descriptions (a few thousand at most, however many rows).
// Params:  none
// Returns: locations: [location{.*}], products: [product{.*}]
CALL () { MATCH (l:Location) RETURN collect(l {.*}) AS locations }
CALL () { MATCH (p:Product) RETURN collect(p {.*}) AS products }
RETURN locations, products
