package dev.openagg.support;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A full-server test class with headless Chromium beside its server. Screenshots go to
 * {@code target/widget-screenshots} (or {@code -Dopenagg.screenshots=DIR}), from where the README's are copied.
 */
public abstract class BrowserTest extends ServerTest {
    protected static final Path SHOTS = Path.of(System.getProperty("openagg.screenshots", "target/widget-screenshots"));
    protected Browser browser;
    protected Widgets widgets;

    @BeforeAll
    void startBrowser() {
        browser = Browser.start();
        widgets = new Widgets(api);
    }

    @AfterAll
    void stopBrowser() {
        browser.close();
    }
}
