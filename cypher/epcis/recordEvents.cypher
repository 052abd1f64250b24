// recordEvents: keeps captured EPCIS events, each with its JSON text, and links each to the
// records it made (RECORDED_AS: received lots, a batch, a shipment), and a partner's
// transformation to the lot classes it used and made (INPUT, OUTPUT; see mergeClasses). Written
// after the records, so that an event found here was recorded whole. The events come as one list
// per field ($events.body[i] is event i's JSON), as the bulk importer's rows do (bulk/createReceivedLots).
// Params:  $events: {eventId, eventHash, type, eventTime (ISO), bizStep, action, use, gln, body,
//                    epcClasses, palletSscc, palletContents, errorDeclaration (JSON: an event that came declared wrong), captureId,
//                    lots: [[code]], batches: [[code]], shipments: [[id]],
//                    inputs, outputs: [[{epcClass (canonical), quantity, uom}]] (a partner's transformation; else [])}, each a list
// Returns: nothing
WITH $events AS c
UNWIND range(0, size(c.body) - 1) AS i
CREATE (e:EpcisEvent {
  eventId: c.eventId[i], eventHash: c.eventHash[i], type: c.type[i], eventTime: datetime(c.eventTime[i]), bizStep: c.bizStep[i],
  action: c.action[i], use: c.use[i], gln: c.gln[i], epcClasses: c.epcClasses[i], body: c.body[i], palletSscc: c.palletSscc[i],
  palletContents: c.palletContents[i], errorDeclaration: c.errorDeclaration[i], captureId: c.captureId[i], recordedAt: datetime()
})
WITH e, c, i
CALL (e, c, i) {
  UNWIND c.lots[i] AS code
  MATCH (l:Lot {code: code})
  CREATE (e)-[:RECORDED_AS]->(l)
}
CALL (e, c, i) {
  UNWIND c.batches[i] AS code
  MATCH (b:Batch {code: code})
  CREATE (e)-[:RECORDED_AS]->(b)
}
CALL (e, c, i) {
  UNWIND c.shipments[i] AS id
  MATCH (s:Shipment {id: id})
  CREATE (e)-[:RECORDED_AS]->(s)
}
CALL (e, c, i) {
  UNWIND c.inputs[i] AS q
  MATCH (k:EpcisClass {uri: q.epcClass})
  CREATE (e)-[:INPUT {quantity: q.quantity, uom: q.uom}]->(k)
}
CALL (e, c, i) {
  UNWIND c.outputs[i] AS q
  MATCH (k:EpcisClass {uri: q.epcClass})
  CREATE (e)-[:OUTPUT {quantity: q.quantity, uom: q.uom}]->(k)
}
