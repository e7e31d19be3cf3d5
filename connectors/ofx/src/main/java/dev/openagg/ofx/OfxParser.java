package dev.openagg.ofx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Reads an OFX reply of either family into a tree of {@link OfxElement}s. One tolerant reader serves both, because
 * servers mix them up: 1.x SGML (a {@code KEY:VALUE} header, leaves without end tags, aggregates closed explicitly)
 * and 2.x XML (an XML declaration and an {@code <?OFX ...?>} header, every element closed). Whitespace between
 * tags, comments, processing instructions and unknown elements are accepted; an end tag closes every leaf left open
 * inside it; an end tag that matches nothing open is ignored.
 */
final class OfxParser {

    /** A reply that is not OFX at all. */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message);
        }
    }

    private OfxParser() {
    }

    /** The {@code <OFX>} element of {@code reply}. */
    static OfxElement parse(String reply) {
        int start = reply.indexOf("<OFX>");
        if (start < 0) {
            start = reply.toUpperCase(Locale.ROOT).indexOf("<OFX>");
        }
        if (start < 0) {
            throw new Unreadable("the reply has no <OFX> element");
        }
        Deque<Open> open = new ArrayDeque<>();
        Open root = null;
        int i = start;
        int length = reply.length();
        while (i < length) {
            int lt = reply.indexOf('<', i);
            String text = lt < 0 ? reply.substring(i) : reply.substring(i, lt);
            if (!text.isBlank() && !open.isEmpty()) {
                Open top = open.peek();
                top.value = top.value == null ? decode(text.strip()) : top.value + decode(text.strip());
            }
            if (lt < 0) {
                break;
            }
            if (reply.startsWith("<!--", lt)) {
                int end = reply.indexOf("-->", lt);
                i = end < 0 ? length : end + 3;
                continue;
            }
            if (reply.startsWith("<![CDATA[", lt)) {
                int end = reply.indexOf("]]>", lt);
                if (end < 0) {
                    throw new Unreadable("an unterminated CDATA section");
                }
                if (!open.isEmpty()) {
                    Open top = open.peek();
                    String data = reply.substring(lt + 9, end);
                    top.value = top.value == null ? data : top.value + data;
                }
                i = end + 3;
                continue;
            }
            int gt = reply.indexOf('>', lt);
            if (gt < 0) {
                throw new Unreadable("a tag is not closed");
            }
            String tag = reply.substring(lt + 1, gt).trim();
            i = gt + 1;
            if (tag.startsWith("?") || tag.startsWith("!")) {
                continue;
            }
            if (tag.startsWith("/")) {
                String name = name(tag.substring(1));
                if (open.stream().anyMatch(o -> o.name.equals(name))) {
                    Open closed;
                    do {
                        closed = open.pop();
                        closed.close(open.peek());
                    } while (!closed.name.equals(name));
                }
                if (open.isEmpty()) {
                    break;
                }
                continue;
            }
            boolean selfClosing = tag.endsWith("/");
            String name = name(selfClosing ? tag.substring(0, tag.length() - 1) : tag);
            if (name.isEmpty()) {
                throw new Unreadable("an empty tag");
            }
            // An SGML leaf has no end tag: an element that got a value is complete when the next tag opens.
            if (!open.isEmpty() && open.peek().value != null) {
                Open leaf = open.pop();
                leaf.close(open.peek());
            }
            Open element = new Open(name);
            if (root == null) {
                root = element;
            }
            if (selfClosing) {
                element.value = "";
                element.close(open.peek());
            } else {
                open.push(element);
            }
        }
        while (!open.isEmpty()) {
            Open closed = open.pop();
            closed.close(open.peek());
        }
        if (root == null || root.built == null) {
            throw new Unreadable("the reply has no <OFX> element");
        }
        return root.built;
    }

    private static String name(String tag) {
        int space = tag.indexOf(' ');
        return (space < 0 ? tag : tag.substring(0, space)).trim().toUpperCase(Locale.ROOT);
    }

    static String decode(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
    }

    /** An element being read: its value or its children so far. */
    private static final class Open {
        final String name;
        final List<OfxElement> children = new ArrayList<>();
        String value;
        OfxElement built;

        Open(String name) {
            this.name = name;
        }

        void close(Open parent) {
            // An element with children is an aggregate even if stray text appeared inside it.
            built = children.isEmpty()
                    ? new OfxElement(name, value == null ? "" : value, List.of())
                    : new OfxElement(name, null, children);
            if (parent != null) {
                parent.children.add(built);
            }
        }
    }
}
