// mergeClasses: the lot classes (canonical GS1 Digital Links, or lotgraph's own lot URIs) that
// partners' transformation events name, as nodes that traces follow from our lots into a
// partner's production: (EpcisEvent)-[:INPUT|OUTPUT]->(EpcisClass). Made before the events are
// written, by one transaction, so that writers of events at once never race to make one.
// Params:  $uris: [String]
// Returns: nothing
UNWIND $uris AS uri
MERGE (:EpcisClass {uri: uri})
