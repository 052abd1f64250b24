// recordBatch: checks and writes a new batch in one statement, so that the input lots' locks are
// held for one statement and the commit, not across round trips. It reads what must be free
// (the batch code, the output lot codes) and what must exist (the locations); only when those
// hold does it lock the input lots in code order and read their stock; only when every
// withdrawal fits does it write the batch, its CONSUMED_IN edges, the output lots with their
// PRODUCED edges, and the inputs' new on-hand quantities. Otherwise it writes nothing and the
// caller reports the first broken rule from what it returns. recordProduction runs it as an
// auto-commit write (db.writeAlone: Neo4j commits as it ends), so these checks are what stands;
// the caller's own checks still roll back a write they disagree with inside a correction's
// transaction.
// Params:  $batch: {code, producedAt (ISO), inputHash, locationId, referenceDocumentType, referenceDocument}
//          $inputs: [{line, lotCode, amount, unit, base}]
//          $outputs: [{line, lotCode, productSku, productName, amount, unit, base}]
//          $locationIds: [String] (distinct)
//          $withdrawals: [{lotCode, total, units}] one per input lot, sorted by code (the lock order)
//          $dimensions: {unit: dimension}, $factors: {unit: base units per unit}
//          $auditRecord: the mutation's audit record (audit.ts), written with the batch or a repeat's answer, never a refusal; or null
// Returns: one row: existing (the batch already under this code, or null), takenOutputCodes,
//          missingLocationIds, locked [{code, unit, onHandBase, status}] (lots found, read under
//          their locks; empty unless the codes were free), batch (null unless written), debits
//          [{lotCode, onHandBase, onHand}] as written, auditRecorded (whether it wrote $auditRecord)
OPTIONAL MATCH (existing:Batch {code: $batch.code})
CALL () {
  UNWIND $outputs AS o
  MATCH (l:Lot {code: o.lotCode})
  RETURN collect(l.code) AS takenOutputCodes
}
CALL () {
  UNWIND $locationIds AS id
  OPTIONAL MATCH (place:Location {id: id})
  RETURN collect(CASE WHEN place IS NULL THEN id END) AS missingLocationIds
}
WITH existing, takenOutputCodes, missingLocationIds,
     existing IS NULL AND size(takenOutputCodes) = 0 AND size(missingLocationIds) = 0 AS free
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
WITH existing, takenOutputCodes, missingLocationIds, locked,
     free AND size(locked) = size($withdrawals) AND all(l IN locked WHERE
       l.status = 'AVAILABLE' AND l.total <= l.onHandBase AND all(u IN l.units WHERE $dimensions[u] = $dimensions[l.unit])
     ) AS fits
OPTIONAL CALL (fits) {
  WITH fits WHERE fits
  CREATE (b:Batch {
    code: $batch.code,
    producedAt: datetime($batch.producedAt),
    inputHash: $batch.inputHash,
    locationId: $batch.locationId,
    referenceDocumentType: $batch.referenceDocumentType,
    referenceDocument: $batch.referenceDocument,
    recordedAt: datetime()
  })
  WITH b
  CALL (b) {
    UNWIND $inputs AS input
    MATCH (l:Lot {code: input.lotCode})
    CREATE (l)-[:CONSUMED_IN {line: toInteger(input.line), quantity: input.amount, unit: input.unit, quantityBase: input.base}]->(b)
  }
  CALL (b) {
    UNWIND $outputs AS o
    CREATE (b)-[:PRODUCED {line: toInteger(o.line), quantity: o.amount, unit: o.unit}]->(:Lot {
      code: o.lotCode,
      productSku: o.productSku,
      productName: o.productName,
      quantity: o.amount,
      unit: o.unit,
      quantityBase: o.base,
      onHand: o.amount,
      onHandBase: o.base,
      status: 'AVAILABLE',
      producedAt: b.producedAt,
      recordedAt: b.recordedAt
    })
  }
  CALL (b) {
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
  // `wrote` says that this ran: b itself reads as an empty map, not null, when it did not.
  RETURN b, debits, true AS wrote
}
// The mutation's audit record (audit.ts), when it carries one: with the write, or with the answer
// to a repeat of the very same input; never with a refusal.
WITH *, coalesce(wrote, false) OR (existing IS NOT NULL AND existing.inputHash = $batch.inputHash) AS done
FOREACH (record IN CASE WHEN done AND $auditRecord IS NOT NULL THEN [$auditRecord] ELSE [] END |
  CREATE (a:AuditRecord) SET a = record, a.at = datetime({epochMillis: timestamp()})
)
RETURN existing {.*} AS existing, takenOutputCodes, missingLocationIds,
       [l IN locked | l {.code, .unit, .onHandBase, .status}] AS locked,
       b {.*} AS batch,
       done AND $auditRecord IS NOT NULL AS auditRecorded, coalesce(debits, []) AS debits
