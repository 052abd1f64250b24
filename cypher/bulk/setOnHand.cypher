// setOnHand: sets the on-hand quantity of many lots after a bulk import, as computed by the importer.
// Params:  $rows: [{lotCode, onHandBase, onHand}]
// Returns: nothing
UNWIND $rows AS row
MATCH (l:Lot {code: row.lotCode})
SET l.onHandBase = row.onHandBase, l.onHand = row.onHand
