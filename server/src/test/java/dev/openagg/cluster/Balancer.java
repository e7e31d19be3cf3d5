package dev.openagg.cluster;

import dev.openagg.support.Reply;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a load balancer in front of the nodes does: each request goes to a node chosen at random, and a node that
 * refuses connections is skipped (a real balancer's health check). A request whose connection broke is not
 * retried: the caller cannot know whether it was applied, so it reads the state again, as a real client must.
 */
public final class Balancer {
    private final List<Node> nodes;
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();

    public Balancer(List<Node> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    public Reply get(String path) {
        return send("GET", path, null);
    }

    public Reply post(String path, String json) {
        return send("POST", path, json);
    }

    public Reply put(String path, String json) {
        return send("PUT", path, json);
    }

    /** Sends the request to a random live node; throws {@link Lost} when the connection broke mid-request. */
    public Reply send(String method, String path, String json) {
        for (int attempt = 0; attempt < 10; attempt++) {
            List<Node> live = nodes.stream().filter(Node::isAlive).toList();
            if (live.isEmpty()) {
                throw new AssertionError("no node is running");
            }
            Node node = live.get(ThreadLocalRandom.current().nextInt(live.size()));
            try {
                Reply reply = node.api().send(method, path, json);
                served.computeIfAbsent(node.name, n -> new AtomicInteger()).incrementAndGet();
                return reply;
            } catch (AssertionError e) {
                if (!(e.getCause() instanceof IOException io)) {
                    throw e;
                }
                // A refused connection never reached a server and a GET changes nothing: both can go elsewhere.
                if (!(io instanceof java.net.ConnectException) && !"GET".equals(method)) {
                    throw new Lost(method + " " + path + " on " + node.name, io);
                }
            }
        }
        throw new AssertionError("no node answered " + method + " " + path);
    }

    /** Requests answered by each node, by name. */
    public Map<String, Integer> served() {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        served.forEach((name, count) -> counts.put(name, count.get()));
        return counts;
    }

    /** A request whose reply was lost with its connection: it may or may not have been applied. */
    public static final class Lost extends RuntimeException {
        Lost(String what, IOException cause) {
            super(what, cause);
        }
    }
}
