// locations: every location, own ones only or others only where $own is given.
// Params:  $own: Boolean|null
// Returns: location{.*}
MATCH (l:Location)
WHERE $own IS NULL OR coalesce(l.own, false) = $own
RETURN l {.*} AS location
ORDER BY l.id
