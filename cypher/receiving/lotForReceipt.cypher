// lotForReceipt: what a receipt must know before it is written.
// Params:  $lotCode: String, $supplierId: String
// Returns: one row: existingHash (null when the code is free or held by a produced lot), codeTaken, supplierExists
OPTIONAL MATCH (l:Lot {code: $lotCode})
OPTIONAL MATCH (s:Supplier {id: $supplierId})
RETURN l.inputHash AS existingHash, l IS NOT NULL AS codeTaken, s IS NOT NULL AS supplierExists
