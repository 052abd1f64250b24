// candidateLots: the lots shipped to any of the customers within a window (widened by $slackDays
// on both sides), with the lines that match, for ranking by the caller.
// Params:  $customerIds: [String], $from: String (ISO), $to: String (ISO), $slackDays: Integer
// Returns: code, customerId, productSku, productName, lines: [{shipmentId, shippedAtMs}]
UNWIND $customerIds AS customerId
MATCH (l:Lot)-[r:SHIPPED_TO]->(:Customer {id: customerId})
WHERE r.shippedAt >= datetime($from) - duration({days: $slackDays})
  AND r.shippedAt <= datetime($to) + duration({days: $slackDays})
RETURN l.code AS code, customerId, l.productSku AS productSku, l.productName AS productName,
       collect({shipmentId: r.shipmentId, shippedAtMs: r.shippedAt.epochMillis}) AS lines
