// receivedByTlcs: the lots we received from a supplier under the traceability lot codes its
// recall notice names (the supplier's lot code on our receipt, or the lot number).
// Params:  $supplierId: String, $tlcs: [String]
// Returns: code, tlc
MATCH (:Supplier {id: $supplierId})-[:SUPPLIED]->(l:Lot)
WHERE l.supplierLotCode IN $tlcs OR l.lotNumber IN $tlcs
RETURN l.code AS code, coalesce(CASE WHEN l.supplierLotCode IN $tlcs THEN l.supplierLotCode END, l.lotNumber) AS tlc
ORDER BY code
