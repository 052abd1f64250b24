// supplierByLotCodes: the supplier of each received lot, for DataLoader.
// Params:  $codes: [String]
// Returns: code, supplier{.*}; produced lots (no supplier) are omitted
UNWIND $codes AS code
MATCH (s:Supplier)-[:SUPPLIED]->(:Lot {code: code})
RETURN code, s {.*} AS supplier
