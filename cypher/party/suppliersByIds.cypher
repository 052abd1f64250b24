// suppliersByIds: batch lookup for DataLoader.
// Params:  $ids: [String]
// Returns: id, supplier{.*}; missing ids are omitted
UNWIND $ids AS id
MATCH (s:Supplier {id: id})
RETURN id, s {.*} AS supplier
