package dev.openagg.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes each log event as one JSON object on one line, for log collectors ({@code OPENAGG_LOG_FORMAT=json}):
 * {@code time}, {@code level}, {@code logger}, {@code message}, and when known the {@code request_id},
 * {@code client} and {@code member} of the logging context, the {@code thread}, and an exception's {@code error}
 * with its stack trace.
 */
public final class JsonLines extends EncoderBase<ILoggingEvent> {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] NOTHING = new byte[0];

    @Override
    public byte[] headerBytes() {
        return NOTHING;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("time", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        line.put("level", event.getLevel().toString());
        line.put("logger", event.getLoggerName());
        line.put("message", event.getFormattedMessage());
        Map<String, String> context = event.getMDCPropertyMap();
        for (String key : new String[] {LogContext.REQUEST_ID, LogContext.CLIENT, LogContext.MEMBER}) {
            if (context.get(key) != null) {
                line.put(key, context.get(key));
            }
        }
        line.put("thread", event.getThreadName());
        if (event.getThrowableProxy() != null) {
            line.put("error", ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        try {
            return (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public byte[] footerBytes() {
        return NOTHING;
    }
}
