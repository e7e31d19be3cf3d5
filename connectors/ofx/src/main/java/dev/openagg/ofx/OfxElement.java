package dev.openagg.ofx;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One OFX element: an aggregate with children, or a leaf with a value. Names are upper case, as OFX writes them;
 * elements this code does not know are kept, so nothing a server sends is lost before it is read.
 */
record OfxElement(String name, String value, List<OfxElement> children) {

    OfxElement {
        children = List.copyOf(children);
    }

    static OfxElement leaf(String name, String value) {
        return new OfxElement(name, value, List.of());
    }

    static OfxElement aggregate(String name, OfxElement... children) {
        return new OfxElement(name, null, List.of(children));
    }

    static OfxElement aggregate(String name, List<OfxElement> children) {
        return new OfxElement(name, null, children);
    }

    boolean isLeaf() {
        return value != null;
    }

    /** The first child of this name. */
    Optional<OfxElement> child(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).findFirst();
    }

    List<OfxElement> children(String childName) {
        return children.stream().filter(c -> c.name.equals(childName)).toList();
    }

    /** The value of the first child leaf of this name, trimmed; empty when absent or blank. */
    Optional<String> text(String childName) {
        return child(childName).map(OfxElement::value).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** Every element of this name below this one, depth first. */
    List<OfxElement> all(String descendantName) {
        List<OfxElement> found = new ArrayList<>();
        collect(descendantName, found);
        return found;
    }

    /** The first element of this name below this one, depth first. */
    Optional<OfxElement> first(String descendantName) {
        return all(descendantName).stream().findFirst();
    }

    /** The first element at this path of child names, e.g. {@code at("SIGNONMSGSRSV1", "SONRS")}. */
    Optional<OfxElement> at(String... path) {
        Optional<OfxElement> here = Optional.of(this);
        for (String step : path) {
            here = here.flatMap(e -> e.child(step));
        }
        return here;
    }

    private void collect(String descendantName, List<OfxElement> found) {
        for (OfxElement c : children) {
            if (c.name.equals(descendantName)) {
                found.add(c);
            }
            c.collect(descendantName, found);
        }
    }

    Stream<OfxElement> stream() {
        return Stream.concat(Stream.of(this), children.stream().flatMap(OfxElement::stream));
    }
}
