// recordShipment: checks and writes a new shipment in one statement, so that the shipped lots'
// locks are held for one statement and the commit, not across round trips. It reads what must be
// free (the shipment id) and what must exist (the customer, the location); only when those hold
// does it lock the lots in code order and read their stock; only when every line fits does it
// write the shipment, a SHIPPED_TO edge per line and the lots' new on-hand quantities. Otherwise
// it writes nothing and the caller reports the first broken rule from what it returns.
// recordShipment runs it as an auto-commit write (db.writeAlone: Neo4j commits as it ends), so
// these checks are what stands; the caller's own checks still roll back a write they disagree
// with inside a correction's transaction.
// Params:  $shipment: {id, customerId, shippedAt (ISO), referenceDocument, inputHash, fromLocationId, referenceDocumentType}
//          $lines: [{line, lotCode, amount, unit, base}]
//          $locationIds: [String] (distinct)
//          $withdrawals: [{lotCode, total, units}] one per lot, sorted by code (the lock order)
//          $dimensions: {unit: dimension}, $factors: {unit: base units per unit}
//          $auditRecord: the mutation's audit record (audit.ts), written with the shipment or a repeat's answer, never a refusal; or null
// Returns: one row: existing (the shipment already under this id, with customerId, or null),
//          customerExists, missingLocationIds, locked [{code, unit, onHandBase, status}] (lots
//          found, read under their locks; empty unless the rest holds), shipment (null unless
//          written, with customerId), debits [{lotCode, onHandBase, onHand}] as written, auditRecorded (whether it wrote $auditRecord)
OPTIONAL MATCH (existing:Shipment {id: $shipment.id})-[:TO]->(existingCustomer:Customer)
OPTIONAL MATCH (c:Customer {id: $shipment.customerId})
CALL () {
  UNWIND $locationIds AS id
  OPTIONAL MATCH (place:Location {id: id})
  RETURN collect(CASE WHEN place IS NULL THEN id END) AS missingLocationIds
}
WITH existing, existingCustomer, c, missingLocationIds,
     existing IS NULL AND c IS NOT NULL AND size(missingLocationIds) = 0 AS free
CALL (free) {
  UNWIND CASE WHEN free THEN $withdrawals ELSE [] END AS w
  MATCH (l:Lot {code: w.lotCode})
  // Takes the lot's write lock (held to the end of the transaction) and leaves the lot as it was.
  SET l._lock = true
  REMOVE l._lock
  // Read under the lock: a lot voided while this waited for it is a lot no longer.
  WITH w, l WHERE l:Lot
  RETURN collect({code: l.code, unit: l.unit, onHandBase: l.onHandBase, status: l.status, total: w.total, units: w.units}) AS locked
}
WITH existing, existingCustomer, c, missingLocationIds, locked,
     free AND size(locked) = size($withdrawals) AND all(l IN locked WHERE
       l.status = 'AVAILABLE' AND l.total <= l.onHandBase AND all(u IN l.units WHERE $dimensions[u] = $dimensions[l.unit])
     ) AS fits
OPTIONAL CALL (fits, c) {
  WITH fits, c WHERE fits
  CREATE (s:Shipment {
    id: $shipment.id,
    shippedAt: datetime($shipment.shippedAt),
    referenceDocument: $shipment.referenceDocument,
    inputHash: $shipment.inputHash,
    fromLocationId: $shipment.fromLocationId,
    referenceDocumentType: $shipment.referenceDocumentType,
    recordedAt: datetime()
  })-[:TO]->(c)
  WITH s, c
  CALL (s, c) {
    UNWIND $lines AS line
    MATCH (l:Lot {code: line.lotCode})
    CREATE (l)-[:SHIPPED_TO {
      shipmentId: s.id, line: toInteger(line.line), quantity: line.amount, unit: line.unit,
      quantityBase: line.base, shippedAt: s.shippedAt
    }]->(c)
  }
  CALL (s) {
    UNWIND $withdrawals AS w
    MATCH (l:Lot {code: w.lotCode})
    // The new on-hand amount in the lot's own unit, as the nearest double: the exact quotient
    // printed to 20 decimals (long division in steps of 10^6, which no product of can pass 2^63)
    // and parsed once, as units.ts fromBase does.
    WITH l, l.onHandBase - w.total AS left, $factors[l.unit] AS f
    WITH l, left, f, left / f AS whole, left % f AS rest
    WITH l, left, f, whole, rest, (rest * 1000000) / f AS d1, ((rest * 1000000) % f) * 1000000 AS r1
    WITH l, left, f, whole, rest, d1, r1 / f AS d2, (r1 % f) * 1000000 AS r2
    WITH l, left, f, whole, rest, d1, d2, r2 / f AS d3, (r2 % f) * 100 AS r3
    WITH l, left, CASE rest WHEN 0 THEN toFloat(whole) ELSE toFloat(
      toString(whole) + '.' + right('00000' + toString(d1), 6) + right('00000' + toString(d2), 6)
      + right('00000' + toString(d3), 6) + right('0' + toString(r3 / f), 2)
    ) END AS shown
    SET l.onHandBase = left, l.onHand = shown
    RETURN collect({lotCode: l.code, onHandBase: left, onHand: shown}) AS debits
  }
  // `wrote` says that this ran: s itself reads as an empty map, not null, when it did not.
  RETURN s, debits, true AS wrote
}
// The mutation's audit record (audit.ts), when it carries one: with the write, or with the answer
// to a repeat of the very same input; never with a refusal.
WITH *, coalesce(wrote, false) OR (existing IS NOT NULL AND existing.inputHash = $shipment.inputHash) AS done
FOREACH (record IN CASE WHEN done AND $auditRecord IS NOT NULL THEN [$auditRecord] ELSE [] END |
  CREATE (a:AuditRecord) SET a = record, a.at = datetime({epochMillis: timestamp()})
)
RETURN existing {.*, customerId: existingCustomer.id} AS existing, c IS NOT NULL AS customerExists,
       missingLocationIds, [l IN locked | l {.code, .unit, .onHandBase, .status}] AS locked,
       s {.*, customerId: c.id} AS shipment,
       done AND $auditRecord IS NOT NULL AS auditRecorded, coalesce(debits, []) AS debits
