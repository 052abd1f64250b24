// partnerSteps: a step into partners' production from our lots: each partner's transformation
// event (captured, at a place that is not ours) that made one of the lot classes given, with the
// classes it used, where and when.
// Params:  $lots: [{code, uri}] (our lots and their classes, canonical)
// Returns: code, eventId, at, gln, locationName, inputs: [{epcClass, quantity, uom}]; one row per (lot, event)
UNWIND $lots AS lot
MATCH (:EpcisClass {uri: lot.uri})<-[:OUTPUT]-(e:EpcisEvent {use: 'partner', type: 'TransformationEvent'})
// A GLN names one place; where several Locations carry it, a described one first, then by id.
OPTIONAL MATCH (place:Location {gln: e.gln})
WITH lot, e, place ORDER BY coalesce(place.stub, false), place.id
WITH lot, e, head(collect(place.businessName)) AS locationName
RETURN lot.code AS code, e.eventId AS eventId, toString(e.eventTime) AS at, e.gln AS gln, locationName,
       COLLECT { MATCH (e)-[i:INPUT]->(c:EpcisClass) RETURN {epcClass: c.uri, quantity: i.quantity, uom: i.uom} ORDER BY c.uri } AS inputs
ORDER BY code, at, eventId
