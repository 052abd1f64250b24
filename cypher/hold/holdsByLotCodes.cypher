// holdsByLotCodes: the holds and releases of each lot, oldest first, for DataLoader.
// Params:  $codes: [String]
// Returns: code, action, reason, by, at; one row per HoldEvent
UNWIND $codes AS code
MATCH (h:HoldEvent)-[:ON_LOT]->(:Lot {code: code})
RETURN code, h.action AS action, h.reason AS reason, h.by AS by, h.at AS at
ORDER BY h.at, h.recordedAt
