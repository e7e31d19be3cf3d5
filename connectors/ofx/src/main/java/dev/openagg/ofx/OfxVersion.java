package dev.openagg.ofx;

import java.util.Set;

/**
 * An OFX protocol version, as the institutions file names it ({@code "102"}, {@code "220"}): 1.x versions speak
 * SGML, 2.x versions XML.
 */
record OfxVersion(String number) {
    static final Set<String> SGML = Set.of("102", "103", "151", "160");
    static final Set<String> XML = Set.of("200", "201", "202", "203", "210", "211", "220");

    OfxVersion {
        if (!SGML.contains(number) && !XML.contains(number)) {
            throw new IllegalArgumentException("unknown OFX version " + number);
        }
    }

    static boolean known(String number) {
        return SGML.contains(number) || XML.contains(number);
    }

    boolean isXml() {
        return XML.contains(number);
    }
}
