// lotsByCodes: batch lookup for DataLoader.
// Params:  $codes: [String]
// Returns: code, lot{.*}; one row per code found; missing codes are omitted
UNWIND $codes AS code
MATCH (l:Lot {code: code})
RETURN code, l {.*} AS lot
