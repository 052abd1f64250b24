// customerIdsByName: the customers whose name contains the given text, case aside (a caller
// says "CityMart", not CUST-CITYMART).
// Params:  $name: String
// Returns: id
MATCH (c:Customer)
WHERE toLower(c.name) CONTAINS toLower($name)
RETURN c.id AS id
ORDER BY c.id
