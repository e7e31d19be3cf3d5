package dev.openagg.widget;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's chromium and chromium-driver) showing the widget inside a small embedding page, as an
 * app would, which lists the widget's postMessage events so the test can read them.
 */
final class Browser implements AutoCloseable {
    private static final String EMBEDDER = """
            <!doctype html><html><body style="margin:0">
            <iframe id="widget" title="Connect" style="border:0;width:420px;height:860px" src="%s"></iframe>
            <ol id="events"></ol>
            <script>
              window.addEventListener('message', (e) => {
                const li = document.createElement('li');
                li.textContent = e.data.type + ' ' + JSON.stringify(e.data.metadata);
                document.getElementById('events').append(li);
              });
            </script></body></html>""";

    final ChromeDriver driver;
    private final HttpServer embedder;
    private final Path profile;

    Browser() {
        try {
            profile = Files.createTempDirectory("openagg-chromium");
            embedder = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            embedder.createContext("/", exchange -> {
                String query = exchange.getRequestURI().getRawQuery();
                String widget = java.net.URLDecoder.decode(query == null ? "" : query.substring(2), StandardCharsets.UTF_8);
                byte[] page = EMBEDDER.formatted(widget.replace("&", "&amp;").replace("\"", "&quot;"))
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
                exchange.close();
            });
            embedder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(440, 1000));
    }

    /** Opens the widget URL inside the embedding page and switches into the widget. */
    void open(String widgetUrl) {
        driver.switchTo().defaultContent();
        driver.get("http://127.0.0.1:" + embedder.getAddress().getPort() + "/?u="
                + java.net.URLEncoder.encode(widgetUrl, StandardCharsets.UTF_8));
        until(org.openqa.selenium.support.ui.ExpectedConditions.frameToBeAvailableAndSwitchToIt("widget"));
    }

    /** Opens a URL directly, without the embedding page. */
    void visit(String url) {
        driver.switchTo().defaultContent();
        driver.get(url);
    }

    WebElement await(By by) {
        return until(d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(15), Duration.ofMillis(50)).until(condition);
    }

    /** Clicks the element, finding it again if the page re-rendered it in between. */
    void click(By by) {
        until(d -> {
            try {
                WebElement element = d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
                if (element == null) {
                    return null;
                }
                element.click();
                return Boolean.TRUE;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return null;
            }
        });
    }

    /** Waits, with a bound, until the condition holds. */
    void awaitThat(java.util.function.Predicate<WebDriver> condition) {
        until(d -> condition.test(d) ? Boolean.TRUE : null);
    }

    /** The postMessage events the embedding page received, as "type {metadata}". */
    List<String> events() {
        driver.switchTo().defaultContent();
        List<String> events = driver.findElements(By.cssSelector("#events li")).stream().map(WebElement::getText).toList();
        driver.switchTo().frame("widget");
        return events;
    }

    void screenshot(String name) {
        try {
            Path dir = Path.of("target", "widget-screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        embedder.stop(0);
        try (var paths = Files.walk(profile)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
