// lockLots: takes the write lock on each lot before its on-hand quantity is read, so that
// concurrent consumptions and shipments of one lot queue instead of both spending the same stock.
// The dummy property is removed by the statement that writes the new on-hand quantity, in the
// same transaction, so it is never committed.
// Params:  $codes: [String], sorted (a fixed lock order keeps two writers from deadlocking)
// Returns: code, unit, onHandBase, status; one row per lot found
UNWIND $codes AS code
MATCH (l:Lot {code: code})
SET l._lock = true
RETURN l.code AS code, l.unit AS unit, l.onHandBase AS onHandBase, l.status AS status
