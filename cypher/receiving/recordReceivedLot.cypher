// recordReceivedLot: checks and writes a received lot with its SUPPLIED edge from the supplier,
// in one statement: only when the lot code is free, the supplier exists and every location
// named exists. Otherwise it writes nothing and the caller reports the first broken rule.
// receiveLot runs it as an auto-commit write (db.writeAlone: Neo4j commits as it ends).
// Params:  $lot: {code, productSku, productName, supplierId, supplierLotCode, amount, unit, base,
//                 receivedAt (ISO), referenceDocument, referenceDocumentType, receivedAtLocationId,
//                 tlcSourceLocationId, tlcSourceReference, inputHash}
//          $locationIds: [String] (distinct)
//          $auditRecord: the mutation's audit record (audit.ts), written with the lot or a repeat's answer, never a refusal; or null
// Returns: one row: existing (the lot already under this code, or null), supplierExists,
//          missingLocationIds, lot (null unless written), auditRecorded (whether it wrote $auditRecord)
OPTIONAL MATCH (existing:Lot {code: $lot.code})
OPTIONAL MATCH (s:Supplier {id: $lot.supplierId})
CALL () {
  UNWIND $locationIds AS id
  OPTIONAL MATCH (place:Location {id: id})
  RETURN collect(CASE WHEN place IS NULL THEN id END) AS missingLocationIds
}
OPTIONAL CALL (existing, s, missingLocationIds) {
  WITH s WHERE existing IS NULL AND s IS NOT NULL AND size(missingLocationIds) = 0
  CREATE (s)-[:SUPPLIED {
    receivedAt: datetime($lot.receivedAt), quantity: $lot.amount, unit: $lot.unit,
    referenceDocument: $lot.referenceDocument
  }]->(l:Lot {
    code: $lot.code,
    productSku: $lot.productSku,
    productName: $lot.productName,
    supplierLotCode: $lot.supplierLotCode,
    quantity: $lot.amount,
    unit: $lot.unit,
    quantityBase: $lot.base,
    onHand: $lot.amount,
    onHandBase: $lot.base,
    status: 'AVAILABLE',
    receivedAt: datetime($lot.receivedAt),
    referenceDocument: $lot.referenceDocument,
    referenceDocumentType: $lot.referenceDocumentType,
    receivedAtLocationId: $lot.receivedAtLocationId,
    tlcSourceLocationId: $lot.tlcSourceLocationId,
    tlcSourceReference: $lot.tlcSourceReference,
    inputHash: $lot.inputHash,
    recordedAt: datetime()
  })
  // `wrote` says that this ran: l itself reads as an empty map, not null, when it did not.
  RETURN l, true AS wrote
}
// The mutation's audit record (audit.ts), when it carries one: with the write, or with the answer
// to a repeat of the very same input; never with a refusal.
WITH *, coalesce(wrote, false) OR (existing IS NOT NULL AND existing.inputHash = $lot.inputHash) AS done
FOREACH (record IN CASE WHEN done AND $auditRecord IS NOT NULL THEN [$auditRecord] ELSE [] END |
  CREATE (a:AuditRecord) SET a = record, a.at = datetime({epochMillis: timestamp()})
)
RETURN existing {.*} AS existing, s IS NOT NULL AS supplierExists, missingLocationIds, l {.*} AS lot,
       done AND $auditRecord IS NOT NULL AS auditRecorded
