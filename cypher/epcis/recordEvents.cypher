// recordEvents: keeps captured EPCIS events, each with its JSON text, and links each to the
// records it made (RECORDED_AS: received lots, a batch, a shipment), and a partner's
// transformation to the lot classes it used and made (INPUT, OUTPUT; see mergeClasses). Written
// after the records, so that an event found here was recorded whole.
// Params:  $events: [{eventId, eventHash, type, eventTime (ISO), bizStep, action, use, gln, body,
//                     epcClasses, palletSscc, palletContents, errorDeclaration (JSON: an event that came declared wrong), captureId, lots: [code], batches: [code], shipments: [id],
//                     inputs, outputs: [{epcClass (canonical), quantity, uom}] (a partner's transformation; else [])}]
// Returns: nothing
UNWIND $events AS row
CREATE (e:EpcisEvent {
  eventId: row.eventId, eventHash: row.eventHash, type: row.type, eventTime: datetime(row.eventTime), bizStep: row.bizStep,
  action: row.action, use: row.use, gln: row.gln, epcClasses: row.epcClasses, body: row.body, palletSscc: row.palletSscc, palletContents: row.palletContents, errorDeclaration: row.errorDeclaration,
  captureId: row.captureId, recordedAt: datetime()
})
WITH e, row
CALL (e, row) {
  UNWIND row.lots AS code
  MATCH (l:Lot {code: code})
  CREATE (e)-[:RECORDED_AS]->(l)
}
CALL (e, row) {
  UNWIND row.batches AS code
  MATCH (b:Batch {code: code})
  CREATE (e)-[:RECORDED_AS]->(b)
}
CALL (e, row) {
  UNWIND row.shipments AS id
  MATCH (s:Shipment {id: id})
  CREATE (e)-[:RECORDED_AS]->(s)
}
CALL (e, row) {
  UNWIND row.inputs AS q
  MATCH (c:EpcisClass {uri: q.epcClass})
  CREATE (e)-[:INPUT {quantity: q.quantity, uom: q.uom}]->(c)
}
CALL (e, row) {
  UNWIND row.outputs AS q
  MATCH (c:EpcisClass {uri: q.epcClass})
  CREATE (e)-[:OUTPUT {quantity: q.quantity, uom: q.uom}]->(c)
}
