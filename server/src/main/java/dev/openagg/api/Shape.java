package dev.openagg.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The exact field set of one of MX's response schemas, for schemas too wide to spell as a record. Every field is
 * written, null unless set; setting a field outside the schema is a programming error, so a reply never carries a
 * field the official clients do not know.
 */
public final class Shape {
    private final List<String> fields;
    private final Set<String> known;

    public Shape(String... fields) {
        this.fields = List.of(fields);
        this.known = Set.copyOf(this.fields);
    }

    /** This schema with more fields. */
    public Shape with(String... more) {
        List<String> all = new java.util.ArrayList<>(fields);
        all.addAll(List.of(more));
        return new Shape(all.toArray(String[]::new));
    }

    public List<String> fields() {
        return fields;
    }

    public Values values() {
        return new Values();
    }

    /** One object of this shape being filled in. */
    public final class Values {
        private final Map<String, Object> map = new LinkedHashMap<>();

        private Values() {
            fields.forEach(f -> map.put(f, null));
        }

        public Values set(String field, Object value) {
            if (!known.contains(field)) {
                throw new IllegalArgumentException(field + " is not a field of this schema");
            }
            map.put(field, value);
            return this;
        }

        /** Takes this schema's fields from another schema's values of the same record; the others stay null. */
        public Values from(Map<String, Object> other) {
            other.forEach((field, value) -> {
                if (known.contains(field)) {
                    map.put(field, value);
                }
            });
            return this;
        }

        public Map<String, Object> toMap() {
            return map;
        }
    }
}
