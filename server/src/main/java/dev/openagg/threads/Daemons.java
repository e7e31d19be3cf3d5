package dev.openagg.threads;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads the server starts for its own work: daemons, named for what they do, at normal priority. A new thread
 * otherwise takes the priority of the thread that makes it, and a pool's threads are made when work first arrives,
 * perhaps from a request thread, which runs lower (see {@code Http.REQUEST_THREAD_PRIORITY}).
 */
public final class Daemons {
    private Daemons() {
    }

    /** Threads all called {@code name}. */
    public static ThreadFactory named(String name) {
        return r -> thread(r, name);
    }

    /** Threads called {@code prefix-1}, {@code prefix-2}, ... in the order they are made. */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> thread(r, prefix + "-" + count.incrementAndGet());
    }

    /** One such thread, not started. */
    public static Thread thread(Runnable work, String name) {
        Thread t = new Thread(work, name);
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY);
        return t;
    }
}
