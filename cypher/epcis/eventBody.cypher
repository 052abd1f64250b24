// eventBody: a captured EPCIS event's JSON text, as it came.
// Params:  $eventId: String
// Returns: body
MATCH (e:EpcisEvent {eventId: $eventId})
RETURN e.body AS body
