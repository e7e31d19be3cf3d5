package dev.openagg.ofx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts OFX requests to one institution's server. The connection has its own timeout, and the whole reply (status,
 * headers and body) must arrive within the read timeout and the size bound; each failure becomes an
 * {@link Unreachable} whose message can be shown to the end user. The exchange is logged at debug level with its
 * secrets redacted.
 */
final class OfxClient {
    private static final Logger LOG = LoggerFactory.getLogger(OfxClient.class);

    private final OfxInstitution institution;
    private final HttpClient http;

    /** The institution could not be reached or its reply could not be read. */
    static final class Unreachable extends RuntimeException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    OfxClient(OfxInstitution institution) {
        this.institution = institution;
        this.http = HttpClient.newBuilder()
                .connectTimeout(institution.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Sends {@code ofx} and returns the {@code <OFX>} element of the reply. */
    OfxElement exchange(OfxElement ofx) {
        String body = OfxWriter.write(institution.version(), UUID.randomUUID().toString(), ofx);
        if (LOG.isDebugEnabled()) {
            LOG.debug("OFX request to {}:\n{}", institution.code(), Redaction.redact(body));
        }
        HttpRequest request = HttpRequest.newBuilder(institution.url())
                .timeout(institution.readTimeout())
                .header("Content-Type", "application/x-ofx")
                .header("Accept", "application/x-ofx, application/xml, text/xml, */*")
                .POST(HttpRequest.BodyPublishers.ofString(body, charset()))
                .build();
        HttpResponse<byte[]> response = send(request);
        String reply = new String(response.body(), charset());
        if (LOG.isDebugEnabled()) {
            LOG.debug("OFX reply from {} (HTTP {}):\n{}", institution.code(), response.statusCode(),
                    Redaction.redact(reply));
        }
        if (response.statusCode() / 100 != 2) {
            throw new Unreachable(institution.name() + " answered with HTTP error " + response.statusCode() + ".", null);
        }
        try {
            return OfxParser.parse(reply);
        } catch (OfxParser.Unreadable e) {
            throw new Unreachable(institution.name() + " sent a reply that is not OFX (" + e.getMessage() + ").", e);
        }
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request,
                info -> new Bounded(institution.maxReplyBytes()));
        try {
            // The request timeout ends at the headers; this bound covers the body too.
            return pending.get(institution.readTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw timedOut(e);
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + institution.code(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw timedOut(cause);
            }
            if (cause instanceof TooLarge) {
                throw new Unreachable(institution.name() + " sent a reply larger than "
                        + institution.maxReplyBytes() + " bytes.", cause);
            }
            if (cause instanceof ConnectException) {
                throw new Unreachable(institution.name() + "'s OFX server could not be reached.", cause);
            }
            throw new Unreachable("The connection to " + institution.name() + "'s OFX server failed ("
                    + (cause instanceof IOException ? cause.getClass().getSimpleName() : String.valueOf(cause)) + ").",
                    cause);
        }
    }

    private Unreachable timedOut(Throwable cause) {
        return new Unreachable(institution.name() + "'s OFX server did not answer in time.", cause);
    }

    /** 1.x files say CHARSET:1252 in practice; 2.x files are UTF-8 XML. */
    private Charset charset() {
        return institution.version().isXml() ? StandardCharsets.UTF_8 : Charset.forName("windows-1252");
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("reply too large");
        }
    }

    /** Collects a body up to a size, and gives up (cancelling the download) past it. */
    private static final class Bounded implements HttpResponse.BodySubscriber<byte[]> {
        private final int limit;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Bounded(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (body.size() + buffer.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                body.writeBytes(bytes);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(body.toByteArray());
        }
    }
}
