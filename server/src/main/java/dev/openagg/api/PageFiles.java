package dev.openagg.api;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Files of a page served from the jar (the connect widget, the developer console), read once at start, each sent
 * with the page's Content-Security-Policy, nosniff, no referrer and no caching.
 */
public final class PageFiles {
    private record File(String contentType, byte[] bytes) {
    }

    private final String policy;
    private final Map<String, File> files;

    /** The files {@code names} of the jar's folder {@code folder}; a missing one fails the start. */
    public PageFiles(String folder, String policy, List<String> names) {
        this.policy = policy;
        this.files = names.stream().collect(Collectors.toMap(Function.identity(), name -> load(folder, name)));
    }

    /** Sends the file {@code name} with {@code status}; a name not among the files is a 404. */
    public void send(Context ctx, int status, String name) {
        File file = files.get(name);
        if (file == null) {
            throw ApiError.notFound("file");
        }
        ctx.header("Cache-Control", "no-store")
                .header("Content-Security-Policy", policy)
                .header("Referrer-Policy", "no-referrer")
                .header("X-Content-Type-Options", "nosniff")
                .status(status).contentType(file.contentType()).result(file.bytes());
    }

    private static File load(String folder, String name) {
        try (InputStream in = PageFiles.class.getResourceAsStream("/" + folder + "/" + name)) {
            if (in == null) {
                throw new IllegalStateException(folder + " file " + name + " is missing from the jar");
            }
            return new File(type(name), in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String type(String name) {
        if (name.endsWith(".js")) {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        return "text/html; charset=utf-8";
    }
}
