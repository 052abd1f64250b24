// setOnHand: sets the on-hand quantity of lots after a bulk import or a correction, as recomputed
// from their movements (cypher/lot/lotBalances), and lets go of the lock lockLots took (if any).
// Params:  $rows: [{lotCode, onHandBase, onHand}]
// Returns: nothing
UNWIND $rows AS row
MATCH (l:Lot {code: row.lotCode})
SET l.onHandBase = row.onHandBase, l.onHand = row.onHand
REMOVE l._lock
