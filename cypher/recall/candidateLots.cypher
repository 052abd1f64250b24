// candidateLots: the lots shipped to a customer within a window (widened by $slackDays on both
// sides), with the lines that match, for ranking by the caller.
// Params:  $customerId: String, $from: String (ISO), $to: String (ISO), $slackDays: Integer
// Returns: code, productSku, productName, lines: [{shipmentId, shippedAtMs}]
MATCH (l:Lot)-[r:SHIPPED_TO]->(:Customer {id: $customerId})
WHERE r.shippedAt >= datetime($from) - duration({days: $slackDays})
  AND r.shippedAt <= datetime($to) + duration({days: $slackDays})
RETURN l.code AS code, l.productSku AS productSku, l.productName AS productName,
       collect({shipmentId: r.shipmentId, shippedAtMs: r.shippedAt.epochMillis}) AS lines
