// existingCodes: which of the given codes are taken, and by what, before a bulk import writes.
// Params:  $lots: [String], $batches: [String], $shipments: [String], $suppliers: [String], $customers: [String],
//          $locations: [String], $gtins: [String]
// Returns: kind, key, inputHash, unit, onHandBase, status, owner (for a GTIN: the SKU of the product
//          that has it); one row per code that exists
CALL () {
  UNWIND $lots AS code
  MATCH (l:Lot {code: code})
  RETURN 'lot' AS kind, code AS key, l.inputHash AS inputHash, l.unit AS unit, l.onHandBase AS onHandBase, l.status AS status, null AS owner
  UNION ALL
  UNWIND $batches AS code
  MATCH (b:Batch {code: code})
  RETURN 'batch' AS kind, code AS key, b.inputHash AS inputHash, null AS unit, null AS onHandBase, null AS status, null AS owner
  UNION ALL
  UNWIND $shipments AS id
  MATCH (s:Shipment {id: id})
  RETURN 'shipment' AS kind, id AS key, s.inputHash AS inputHash, null AS unit, null AS onHandBase, null AS status, null AS owner
  UNION ALL
  UNWIND $suppliers AS id
  MATCH (:Supplier {id: id})
  RETURN 'supplier' AS kind, id AS key, null AS inputHash, null AS unit, null AS onHandBase, null AS status, null AS owner
  UNION ALL
  UNWIND $customers AS id
  MATCH (:Customer {id: id})
  RETURN 'customer' AS kind, id AS key, null AS inputHash, null AS unit, null AS onHandBase, null AS status, null AS owner
  UNION ALL
  UNWIND $locations AS id
  MATCH (:Location {id: id})
  RETURN 'location' AS kind, id AS key, null AS inputHash, null AS unit, null AS onHandBase, null AS status, null AS owner
  UNION ALL
  UNWIND $gtins AS gtin
  MATCH (p:Product {gtin: gtin})
  RETURN 'gtin' AS kind, gtin AS key, null AS inputHash, null AS unit, null AS onHandBase, null AS status, p.sku AS owner
}
RETURN kind, key, inputHash, unit, onHandBase, status, owner
