// traceProcedure: a whole trace from lotgraph's own procedure (neo4j/procedures): the same walk as
// forwardFromLots/backwardFromLots with the depths, batches, shipment lines and suppliers of the
// answer, done inside Neo4j and returned as JSON text in chunks of about 16,000 characters.
// Params:  $lotCode: String|null, $batchCode: String|null (exactly one), $direction: 'forward'|'backward',
//          $maxDepth: Integer|null (production steps; null: the whole way), $maxLots: Integer
// Returns: json; one row per chunk, in order
CALL lotgraph.trace($lotCode, $batchCode, $direction, $maxDepth, $maxLots) YIELD json
RETURN json
