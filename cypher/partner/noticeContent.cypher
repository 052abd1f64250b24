// noticeContent: what a recall notice tells one customer: the recall, and every line of an
// affected lot shipped to that customer (and to no other), with the lot's traceability lot code.
// Params:  $recallId: String, $customerId: String
// Returns: one row: recall{...}, lines: [{tlc, gtin, productName, amount, unit, shipmentId, shippedAt}]
MATCH (r:Recall {id: $recallId})
CALL (r) {
  OPTIONAL MATCH (r)-[:AFFECTS]->(l:Lot)-[s:SHIPPED_TO]->(:Customer {id: $customerId})
  OPTIONAL MATCH (p:Product {sku: l.productSku})
  WITH l, s, p ORDER BY s.shipmentId, s.line
  RETURN collect(CASE WHEN s IS NOT NULL THEN {
    tlc: coalesce(l.supplierLotCode, l.lotNumber, l.code), gtin: p.gtin, productName: l.productName,
    amount: s.quantity, unit: s.unit, shipmentId: s.shipmentId, shippedAt: toString(s.shippedAt)
  } END) AS lines
}
RETURN r {.id, .reason, .classification, .action, .status, .originRootCompany, .originRootRecallId, .originRootReason,
          initiatedAt: toString(r.initiatedAt)} AS recall, lines
