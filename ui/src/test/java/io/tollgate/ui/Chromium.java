package io.tollgate.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its ChromeDriver ({@code tollgate.chromium}, {@code tollgate.chromedriver}),
 * with the flags this closed network needs, a fresh profile per browser, and Tollgate's sign-in.
 */
public final class Chromium {

    public static final String BINARY = System.getProperty("tollgate.chromium", "/usr/bin/chromium");
    public static final String DRIVER = System.getProperty("tollgate.chromedriver", "/usr/bin/chromedriver");
    public static final Duration PATIENCE = Duration.ofSeconds(60);

    private Chromium() {
    }

    public static ChromeDriver start() {
        return start(null);
    }

    /** A browser whose language (UI and Accept-Language) is {@code language}, e.g. {@code zh-CN}; null for the default. */
    public static ChromeDriver start(String language) {
        ChromeOptions options = new ChromeOptions();
        if (language != null) {
            options.addArguments("--lang=" + language);
            options.setExperimentalOption("prefs", java.util.Map.of("intl.accept_languages", language));
        }
        options.setBinary(BINARY);
        try {
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--window-size=1280,900",
                    "--user-data-dir=" + Files.createTempDirectory("tollgate-chromium"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(DRIVER).toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /**
     * Signs in through the login page and waits until the main layout names the person (in the page, not necessarily
     * on screen: on a phone's width the name gives way to Sign out).
     */
    public static void signIn(ChromeDriver browser, int port, String username, String password) {
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        browser.get("http://localhost:" + port + "/login");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#vaadinLoginUsername input")))
                .sendKeys(username);
        browser.findElement(By.cssSelector("#vaadinLoginPassword input")).sendKeys(password, Keys.ENTER);
        wait.until(ExpectedConditions.attributeToBe(By.id("signed-in-user"), "textContent", username));
    }

    /**
     * Opens the Vaadin select {@code selectId} and picks the item that reads {@code option}, clicking again while the
     * overlay still opens (on a busy machine its items move under the pointer and the click lands on the overlay),
     * then waits until the overlay has closed.
     */
    public static void choose(ChromeDriver browser, String selectId, String option) {
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        wait.until(ExpectedConditions.elementToBeClickable(By.id(selectId))).click();
        wait.ignoring(ElementClickInterceptedException.class).ignoring(StaleElementReferenceException.class)
                .until(d -> {
                    WebElement item = d.findElements(By.cssSelector("vaadin-select-item")).stream()
                            .filter(e -> e.isDisplayed() && option.equals(e.getText())).findFirst().orElse(null);
                    if (item == null) {
                        return false;
                    }
                    item.click();
                    return true;
                });
        wait.until(d -> d.findElements(By.cssSelector("vaadin-select-overlay[opened]")).isEmpty());
    }

    /** Keeps a screenshot under {@code target/screenshots}, for people to look at. */
    public static Path screenshot(ChromeDriver browser, String name) {
        try {
            Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
            Path target = Path.of("target", "screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            return Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
