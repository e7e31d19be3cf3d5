package dev.openagg;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigCacheTest {
    private static final long MB = 1024 * 1024;

    @Test
    void the_embedded_databases_page_cache_is_a_third_of_the_heap_and_at_least_16_mb() {
        assertThat(Config.embeddedCacheKb(192 * MB)).isEqualTo(64 * 1024);
        assertThat(Config.embeddedCacheKb(768 * MB)).isEqualTo(256 * 1024);
        assertThat(Config.embeddedCacheKb(24 * MB)).isEqualTo(16 * 1024);
    }

    @Test
    void the_embedded_url_carries_the_cache_size_for_this_jvms_heap() {
        String url = Config.defaults(Path.of("data")).jdbcUrl();

        assertThat(url).endsWith(";CACHE_SIZE=" + Config.embeddedCacheKb(Runtime.getRuntime().maxMemory()));
    }
}
