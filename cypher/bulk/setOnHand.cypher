// setOnHand: sets the on-hand quantity of lots after a bulk import, as recomputed by the importer
// from their movements (cypher/lot/lotBalances).
// Params:  $rows: [{lotCode, onHandBase, onHand}]
// Returns: nothing
UNWIND $rows AS row
MATCH (l:Lot {code: row.lotCode})
SET l.onHandBase = row.onHandBase, l.onHand = row.onHand
