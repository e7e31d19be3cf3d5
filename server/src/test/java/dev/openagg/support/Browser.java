package dev.openagg.support;

import com.sun.net.httpserver.HttpServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium driven by Selenium, with an embedding page on another origin: the widget runs in its iframe,
 * as in a partner's app, and the page records every message the widget posts. Chromium and its driver are the
 * Debian packages ({@code CHROMIUM} and {@code CHROMEDRIVER} point elsewhere). Starting fails loudly: a test that
 * needs the browser never skips.
 */
public final class Browser implements AutoCloseable {
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final String HOST_PAGE = """
            <!doctype html><html><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1"><title>Partner app</title>
            <style>html, body { margin: 0; height: 100%; } iframe { border: 0; width: 100%; height: 100%; display: block; }</style>
            </head><body><iframe id="widget" title="Connect your account"></iframe><script>
            window.events = [];
            addEventListener('message', e => { if (e.data && e.data.mx) { window.events.push({origin: e.origin, type: e.data.type, metadata: e.data.metadata}); } });
            document.getElementById('widget').src = new URLSearchParams(location.search).get('widget');
            </script></body></html>""";

    /** Where a client's redirect lands in these tests: a page of the partner's app. */
    public static final String APP_RETURN = "/app-return";
    private static final String RETURN_PAGE = """
            <!doctype html><html><head><meta charset="utf-8"><title>Partner app</title></head>
            <body><h1>Back in the app</h1></body></html>""";

    private final ChromeDriver driver;
    private final HttpServer host;
    private final Path profile;
    private final String main;

    private Browser(ChromeDriver driver, HttpServer host, Path profile) {
        this.driver = driver;
        this.host = host;
        this.profile = profile;
        this.main = driver.getWindowHandle();
    }

    /** Chromium with a phone-sized window and a fresh profile. */
    public static Browser start() {
        try {
            Path profile = Files.createTempDirectory("openagg-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(env("CHROMIUM", "/usr/bin/chromium"));
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                    "--user-data-dir=" + profile, "--window-size=500,640", "--hide-scrollbars", "--lang=en-US");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(env("CHROMEDRIVER", "/usr/bin/chromedriver")))
                    .usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            // Chromium keeps windows at least 500 pixels wide; the page is laid out as on a 420-pixel phone.
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", 420, "height", 640, "deviceScaleFactor", 1, "mobile", true));
            HttpServer host = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            host.createContext("/", exchange -> {
                String html = exchange.getRequestURI().getPath().equals(APP_RETURN) ? RETURN_PAGE : HOST_PAGE;
                byte[] page = html.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, page.length);
                exchange.getResponseBody().write(page);
                exchange.close();
            });
            host.start();
            return new Browser(driver, host, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name, String fallback) {
        return Optional.ofNullable(System.getenv(name)).filter(v -> !v.isBlank()).orElse(fallback);
    }

    /** Lays pages out as on a laptop screen instead of a phone, for the developer console. */
    public void desktop(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
    }

    /** The cookie the browser holds under {@code name} for the current page's site (HttpOnly ones included), or null. */
    public org.openqa.selenium.Cookie cookie(String name) {
        return driver.manage().getCookieNamed(name);
    }

    /** Forgets every cookie of the current page's site, as a fresh browser would have none. */
    public void clearCookies() {
        driver.manage().deleteAllCookies();
    }

    /** Opens the embedding page with the widget URL in its iframe, and steps into the frame. */
    public void embed(String widgetUrl) {
        driver.switchTo().window(main);
        driver.switchTo().defaultContent();
        driver.get("http://127.0.0.1:" + host.getAddress().getPort() + "/?widget="
                + URLEncoder.encode(widgetUrl, StandardCharsets.UTF_8));
        driver.switchTo().frame("widget");
    }

    /** Opens a page in the window itself, as a mobile web view or a browser tab would, outside any frame. */
    public void open(String url) {
        driver.switchTo().window(main);
        driver.switchTo().defaultContent();
        driver.get(url);
    }

    /** The address of a page of the partner's app, on the embedding page's own server. */
    public String appUrl(String path) {
        return "http://127.0.0.1:" + host.getAddress().getPort() + path;
    }

    /** Waits until the window's address starts with {@code prefix}, and returns it. */
    public String awaitUrl(String prefix) {
        return Await.until(driver::getCurrentUrl, u -> u.startsWith(prefix), BOUND, "the address to start with " + prefix);
    }

    /** How many windows are open. */
    public int windows() {
        return driver.getWindowHandles().size();
    }

    /** Waits for a window the page opened (a pop-up) and steps into it. */
    public void switchToPopup() {
        String popup = Await.until(() -> driver.getWindowHandles().stream().filter(h -> !h.equals(main)).findFirst(),
                Optional::isPresent, BOUND, "a pop-up window").orElseThrow();
        driver.switchTo().window(popup);
    }

    /** Back from a pop-up into the widget's frame on the embedding page. */
    public void switchToWidget() {
        driver.switchTo().window(main);
        driver.switchTo().frame("widget");
    }

    /** Closes the pop-up the driver is in, as an end user closing it would, and steps back into the widget. */
    public void closePopupAndReturn() {
        driver.close();
        switchToWidget();
    }

    /** Waits until only the first window is left: a pop-up closed itself. */
    public void awaitPopupClosed() {
        Await.until(driver::getWindowHandles, handles -> handles.size() == 1, BOUND, "the pop-up to close");
    }

    /** The messages the widget posted to the embedding page so far, oldest first. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> events() {
        driver.switchTo().defaultContent();
        try {
            return (List<Map<String, Object>>) ((JavascriptExecutor) driver).executeScript("return window.events;");
        } finally {
            driver.switchTo().frame("widget");
        }
    }

    /** Waits for an event of this type and returns its metadata. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> awaitEvent(String type) {
        return (Map<String, Object>) Await.until(this::events, e -> e.stream().anyMatch(m -> type.equals(m.get("type"))),
                BOUND, "the widget to post " + type).stream().filter(m -> type.equals(m.get("type")))
                .reduce((first, second) -> second).orElseThrow().get("metadata");
    }

    /** Waits until the element is on the page and displayed. */
    public WebElement await(By by) {
        return Await.until(() -> current(() -> driver.findElements(by).stream().filter(WebElement::isDisplayed).findFirst()),
                Optional::isPresent, BOUND, "element " + by).orElseThrow();
    }

    /** Waits for the view's heading to read {@code title}. */
    public WebElement awaitHeading(String title) {
        return Await.until(() -> current(() -> driver.findElements(By.cssSelector("h1")).stream()
                        .filter(h -> h.getText().equals(title)).findFirst()),
                Optional::isPresent, BOUND, "heading " + title + " (page now: " + text() + ")").orElseThrow();
    }

    /** The probe's answer, or empty when the page replaced what it looked at while it looked. */
    private static <T> Optional<T> current(Supplier<Optional<T>> probe) {
        try {
            return probe.get();
        } catch (StaleElementReferenceException e) {
            return Optional.empty();
        }
    }

    private String text() {
        return current(() -> driver.findElements(By.tagName("main")).stream().findFirst().map(WebElement::getText))
                .orElse("");
    }

    /** The input a visible label names: finding it this way also checks that the label is tied to it. */
    public WebElement field(String label) {
        return find(By.id(await(By.xpath("//label[normalize-space()='" + label + "']")).getAttribute("for")));
    }

    public WebElement button(String text) {
        return await(By.xpath("//button[normalize-space()='" + text + "']"));
    }

    public WebElement find(By by) {
        return driver.findElement(by);
    }

    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    public WebElement focused() {
        return driver.switchTo().activeElement();
    }

    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Reloads the widget's own frame, as an end user reloading the widget would. */
    public void reloadWidget() {
        script("location.reload()");
        driver.switchTo().defaultContent();
        driver.switchTo().frame("widget");
    }

    /** Saves a PNG of the window in {@code dir}. */
    public Path screenshot(Path dir, String name) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            host.stop(0);
            try (var paths = Files.walk(profile)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
