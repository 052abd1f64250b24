// outputsByBatchCodes: the lots each batch produced, for DataLoader.
// Params:  $codes: [String]
// Returns: code, lot{.*}; one row per PRODUCED edge
UNWIND $codes AS code
MATCH (:Batch {code: code})-[p:PRODUCED]->(l:Lot)
RETURN code, l {.*} AS lot
ORDER BY p.line, l.code
