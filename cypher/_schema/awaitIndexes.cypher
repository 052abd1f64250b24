// awaitIndexes: waits (up to 300 s) until every index is online, so the first trace is fast.
// Returns: nothing
CALL db.awaitIndexes(300)
