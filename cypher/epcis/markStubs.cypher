// markStubs: marks the places, parties and products an EPCIS capture knew only by GLN or GTIN,
// so that the FSMA KDE gap list names them until someone describes them (an upsert clears it).
// Params:  $locations: [String], $products: [String], $suppliers: [String], $customers: [String]
// Returns: nothing
CALL () { UNWIND $locations AS id MATCH (l:Location {id: id}) SET l.stub = true }
CALL () { UNWIND $products AS sku MATCH (p:Product {sku: sku}) SET p.stub = true }
CALL () { UNWIND $suppliers AS id MATCH (s:Supplier {id: id}) SET s.stub = true }
CALL () { UNWIND $customers AS id MATCH (c:Customer {id: id}) SET c.stub = true }
