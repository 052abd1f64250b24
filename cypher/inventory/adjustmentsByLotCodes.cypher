// adjustmentsByLotCodes: every adjustment of each lot, oldest first, for DataLoader.
// Params:  $codes: [String]
// Returns: code, adjustment{.*, lotCode}
UNWIND $codes AS code
MATCH (a:Adjustment)-[:ADJUSTS]->(:Lot {code: code})
RETURN code, a {.*, lotCode: code} AS adjustment
ORDER BY a.at, a.recordedAt
