// locationsByIds: batch lookup for DataLoader, and the existence check of mutations.
// Params:  $ids: [String]
// Returns: id, location{.*}; missing ids are omitted
UNWIND $ids AS id
MATCH (l:Location {id: id})
RETURN id, l {.*} AS location
