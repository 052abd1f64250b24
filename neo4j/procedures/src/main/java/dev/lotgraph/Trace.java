package dev.lotgraph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;

/**
 * lotgraph.trace: the breadth-first walk of a trace, done inside Neo4j, with everything the API
 * shows of the answer (each lot's fewest production steps, the batches passed, the shipment lines
 * and suppliers of the lots reached), returned as JSON text in chunks. The same walk as
 * src/trace/walk.ts over the same edges as cypher/trace/*FromLots.cypher, which stay the readable
 * reference, the fallback where this procedure is not installed, and the tests' oracle.
 *
 * Read-only, on Neo4j's public core API. It checks the transaction's termination (its timeout,
 * or a kill) as it walks, and refuses an answer of more than maxLots lots.
 */
public class Trace {
    private static final Label LOT = Label.label("Lot");
    private static final Label BATCH = Label.label("Batch");
    private static final RelationshipType CONSUMED_IN = RelationshipType.withName("CONSUMED_IN");
    private static final RelationshipType PRODUCED = RelationshipType.withName("PRODUCED");
    private static final RelationshipType SHIPPED_TO = RelationshipType.withName("SHIPPED_TO");
    private static final RelationshipType SUPPLIED = RelationshipType.withName("SUPPLIED");
    /** Characters per row of JSON: rows of this size decode fastest in the JavaScript driver. */
    private static final int CHUNK = 16_000;

    @Context
    public Transaction tx;

    @Context
    public TerminationGuard guard;

    public static class Chunk {
        public String json;

        public Chunk(String json) {
            this.json = json;
        }
    }

    @Procedure(name = "lotgraph.trace", mode = Mode.READ)
    @Description("lotgraph.trace(lotCode|null, batchCode|null, direction 'forward'|'backward', maxDepth|null, maxLots) "
            + ":: (json): the trace from a lot or a batch as JSON text, in chunks to concatenate; {\"missing\":true} when the start does not exist")
    public Stream<Chunk> trace(
            @Name("lotCode") String lotCode,
            @Name("batchCode") String batchCode,
            @Name("direction") String direction,
            @Name("maxDepth") Long maxDepth,
            @Name("maxLots") long maxLots) {
        boolean forward;
        if ("forward".equals(direction)) forward = true;
        else if ("backward".equals(direction)) forward = false;
        else throw new IllegalArgumentException("direction must be 'forward' or 'backward'; got " + direction);

        if ((lotCode == null) == (batchCode == null)) throw new IllegalArgumentException("give exactly one of lotCode and batchCode");
        // Where the walk starts: the lot (depth 0), or the batch's outputs (forward) or inputs (backward) at depth 1.
        Set<Node> starts = new LinkedHashSet<>();
        long startDepth;
        Set<String> batches = new TreeSet<>();
        if (lotCode != null) {
            Node lot = tx.findNode(LOT, "code", lotCode);
            if (lot == null) return Stream.of(new Chunk("{\"missing\":true}"));
            starts.add(lot);
            startDepth = 0;
        } else {
            Node batch = tx.findNode(BATCH, "code", batchCode);
            if (batch == null) return Stream.of(new Chunk("{\"missing\":true}"));
            batches.add(batchCode);
            Direction side = forward ? Direction.OUTGOING : Direction.INCOMING;
            for (Relationship r : batch.getRelationships(side, forward ? PRODUCED : CONSUMED_IN)) {
                Node lot = r.getOtherNode(batch);
                if (lot.hasLabel(LOT)) starts.add(lot);
            }
            startDepth = 1;
        }

        // Walk: the same rules as src/trace/walk.ts.
        Map<Node, Integer> depth = new HashMap<>();
        List<Node> order = new ArrayList<>();
        boolean truncated = false;

        List<Node> frontier = new ArrayList<>();
        for (Node lot : starts) {
            if (depth.containsKey(lot)) continue;
            if (!within(startDepth, maxDepth)) {
                truncated = true;
                continue;
            }
            depth.put(lot, (int) startDepth);
            order.add(lot);
            frontier.add(lot);
        }
        for (long d = startDepth; !frontier.isEmpty(); d += 1) {
            guard.check();
            List<Node> next = new ArrayList<>();
            for (Node lot : frontier) {
                Direction out = forward ? Direction.OUTGOING : Direction.INCOMING;
                RelationshipType first = forward ? CONSUMED_IN : PRODUCED;
                RelationshipType second = forward ? PRODUCED : CONSUMED_IN;
                for (Relationship toBatch : lot.getRelationships(out, first)) {
                    Node batch = toBatch.getOtherNode(lot);
                    if (!batch.hasLabel(BATCH)) continue;
                    boolean anyLot = false;
                    for (Relationship toLot : batch.getRelationships(out, second)) {
                        Node nextLot = toLot.getOtherNode(batch);
                        if (!nextLot.hasLabel(LOT)) continue;
                        anyLot = true;
                        if (!within(d + 1, maxDepth)) {
                            if (!depth.containsKey(nextLot)) truncated = true;
                            continue;
                        }
                        batches.add((String) batch.getProperty("code"));
                        if (!depth.containsKey(nextLot)) {
                            depth.put(nextLot, (int) (d + 1));
                            order.add(nextLot);
                            next.add(nextLot);
                            if (order.size() > maxLots) {
                                throw new IllegalStateException("LOTGRAPH_TRACE_TOO_LARGE: the trace reaches more than " + maxLots
                                        + " lots; give a maxDepth to see it a part at a time.");
                            }
                        }
                    }
                    // A batch with no lot on the other side is still passed, as in the Cypher.
                    if (!anyLot && within(d + 1, maxDepth)) batches.add((String) batch.getProperty("code"));
                }
            }
            frontier = next;
        }

        Json json = new Json();
        json.raw("{\"truncated\":").raw(truncated ? "true" : "false");
        json.raw(",\"batches\":[");
        boolean firstItem = true;
        for (String b : batches) {
            if (!firstItem) json.raw(",");
            firstItem = false;
            json.string(b);
        }
        json.raw("],\"lots\":[");
        firstItem = true;
        for (Node lot : order) {
            if (!firstItem) json.raw(",");
            firstItem = false;
            json.raw("[").string((String) lot.getProperty("code")).raw(",").raw(Integer.toString(depth.get(lot))).raw("]");
        }
        // Every shipment line and supplier of a lot reached, whichever way the trace went. A line
        // names its lot by its place in "lots" and its customer by its place in "customers", so
        // that each customer's description is read and sent once, however many lines it has.
        json.raw("],\"lines\":[");
        firstItem = true;
        Map<Node, String> suppliers = new HashMap<>();
        StringBuilder supplied = new StringBuilder();
        Map<Node, Integer> customerIndex = new HashMap<>();
        Json customers = new Json();
        int lotIndex = -1;
        for (Node lot : order) {
            guard.check();
            lotIndex += 1;
            String code = (String) lot.getProperty("code");
            for (Relationship line : lot.getRelationships(Direction.OUTGOING, SHIPPED_TO)) {
                Node customer = line.getEndNode();
                Integer c = customerIndex.get(customer);
                if (c == null) {
                    c = customerIndex.size();
                    customerIndex.put(customer, c);
                    Map<String, Object> cp = customer.getProperties("id", "name", "location");
                    if (c > 0) customers.raw(",");
                    customers.raw("[").string((String) cp.get("id")).raw(",").string((String) cp.get("name"))
                            .raw(",").string((String) cp.get("location")).raw("]");
                }
                Map<String, Object> lp = line.getProperties("shipmentId", "line", "quantity", "unit", "shippedAt");
                if (!firstItem) json.raw(",");
                firstItem = false;
                json.raw("[").raw(Integer.toString(lotIndex))
                        .raw(",").string((String) lp.get("shipmentId"))
                        .raw(",").number(lp.getOrDefault("line", 0L))
                        .raw(",").number(lp.getOrDefault("quantity", 0.0))
                        .raw(",").string((String) lp.get("unit"))
                        .raw(",").raw(Integer.toString(c))
                        .raw(",").number(epochMillis(lp.get("shippedAt")))
                        .raw("]");
            }
            for (Relationship s : lot.getRelationships(Direction.INCOMING, SUPPLIED)) {
                Node supplier = s.getStartNode();
                String described = suppliers.get(supplier);
                if (described == null) {
                    Json one = new Json();
                    one.raw("{\"id\":").string((String) supplier.getProperty("id", null))
                            .raw(",\"name\":").string((String) supplier.getProperty("name", null))
                            .raw(",\"location\":").string((String) supplier.getProperty("location", null))
                            .raw(",\"locationId\":").string((String) supplier.getProperty("locationId", null)).raw("}");
                    described = one.toString();
                    suppliers.put(supplier, described);
                }
                if (supplied.length() > 0) supplied.append(',');
                supplied.append('[');
                Json.appendString(supplied, code);
                supplied.append(',').append(described).append(']');
            }
        }
        json.raw("],\"customers\":[").raw(customers.toString());
        json.raw("],\"suppliers\":[").raw(supplied.toString()).raw("]}");

        String text = json.toString();
        List<Chunk> chunks = new ArrayList<>(text.length() / CHUNK + 1);
        for (int i = 0; i < text.length(); i += CHUNK) chunks.add(new Chunk(text.substring(i, Math.min(text.length(), i + CHUNK))));
        return chunks.stream();
    }

    private static boolean within(long d, Long maxDepth) {
        return maxDepth == null || d <= maxDepth;
    }

    private static Object epochMillis(Object value) {
        if (value instanceof java.time.ZonedDateTime z) return z.toInstant().toEpochMilli();
        if (value instanceof java.time.OffsetDateTime o) return o.toInstant().toEpochMilli();
        if (value instanceof java.time.temporal.TemporalAccessor t && t.isSupported(java.time.temporal.ChronoField.INSTANT_SECONDS)) {
            return java.time.Instant.from(t).toEpochMilli();
        }
        return null;
    }

    /** Just enough JSON writing for strings, numbers and null. */
    static final class Json {
        private final StringBuilder out = new StringBuilder(1 << 14);

        Json raw(String s) {
            out.append(s);
            return this;
        }

        Json string(String s) {
            if (s == null) out.append("null");
            else appendString(out, s);
            return this;
        }

        Json number(Object n) {
            if (n == null) out.append("null");
            else if (n instanceof Double dbl) out.append(dbl.isNaN() || dbl.isInfinite() ? "null" : Double.toString(dbl));
            else if (n instanceof Float f) out.append(Float.toString(f));
            else out.append(n.toString());
            return this;
        }

        static void appendString(StringBuilder out, String s) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20 || (c >= 0xD800 && c <= 0xDFFF) || c == 0x2028 || c == 0x2029) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
