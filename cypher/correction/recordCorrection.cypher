// recordCorrection: the history of a void: who voided which record, why and when, the lots it
// named, and what replaced it; linked to the voided nodes. EPCIS events that recorded them get an
// error declaration, so that the query interface tells partners the event was wrong.
// Params:  $correction: {id, kind, recordId, reason, byKeyId, by, lotCodes, replacedBy}, $declaration: String (JSON)
// Returns: correction: {id, kind, recordId, reason, at, byKeyId, by, lotCodes, replacedBy}
CREATE (c:Correction)
SET c = $correction, c.at = datetime()
WITH c
CALL (c) {
  CALL (c) {
    MATCH (x:VoidedLot {voidId: c.id}) RETURN x
    UNION
    MATCH (x:VoidedBatch {voidId: c.id}) RETURN x
    UNION
    MATCH (x:VoidedShipment {voidId: c.id}) RETURN x
  }
  CREATE (c)-[:VOIDED]->(x)
  WITH x
  OPTIONAL MATCH (e:EpcisEvent)-[:RECORDED_AS]->(x)
  SET e.errorDeclaration = $declaration
}
RETURN c {.id, .kind, .recordId, .reason, at: toString(c.at), .byKeyId, .by, .lotCodes, .replacedBy} AS correction
