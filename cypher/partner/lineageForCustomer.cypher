// lineageForCustomer: what a customer's lotgraph may ask us about a lot we shipped it, one step
// up as FSMA 204 has each company keep: for each of our lots shipped to the customer under the
// traceability lot code (of the product with the GTIN, where given), every received lot upstream
// of it here, with the TLC its supplier gave, its TLC source and its supplier. Nothing of any
// other customer.
// Params:  $customerId: String, $tlc: String, $gtin: String|null
// Returns: code, tlc, productName, gtin, inputs: [{tlc, productName, gtin, amount, unit,
//          receivedAt, tlcSource, tlcSourceGln, supplierId, supplierName, supplierGln}]
MATCH (l:Lot)-[:SHIPPED_TO]->(:Customer {id: $customerId})
WHERE coalesce(l.supplierLotCode, l.lotNumber, l.code) = $tlc
WITH DISTINCT l
OPTIONAL MATCH (p:Product {sku: l.productSku})
WITH l, p
WHERE $gtin IS NULL OR p.gtin = $gtin
CALL (l) {
  MATCH (l)<-[:CONSUMED_IN|PRODUCED*0..]-(x:Lot)
  WITH DISTINCT x
  MATCH (s:Supplier)-[:SUPPLIED]->(x)
  OPTIONAL MATCH (src:Location {id: x.tlcSourceLocationId})
  OPTIONAL MATCH (xp:Product {sku: x.productSku})
  WITH x, s, src, xp ORDER BY x.receivedAt, x.code
  RETURN collect({
    tlc: coalesce(x.supplierLotCode, x.lotNumber, x.code), productName: x.productName, gtin: xp.gtin,
    amount: x.quantity, unit: x.unit, receivedAt: toString(x.receivedAt),
    tlcSource: src.businessName, tlcSourceGln: src.gln,
    supplierId: s.id, supplierName: s.name, supplierGln: s.gln
  }) AS inputs
}
RETURN l.code AS code, coalesce(l.supplierLotCode, l.lotNumber, l.code) AS tlc, l.productName AS productName, p.gtin AS gtin, inputs
ORDER BY code
