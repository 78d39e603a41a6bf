package io.tollgate.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.tollgate.TollgateAppTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.web.server.LocalServerPort;

/** A real browser (Debian's headless Chromium) signs in through the login page and sees the main layout. */
@TollgateAppTest
class BrowserSignInIT {

    @LocalServerPort int port;
    ChromeDriver browser;

    @BeforeEach
    void startBrowser() {
        browser = Chromium.start();
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void engineerSignsInAndSeesTheMainLayout() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        assertThat(iconStatuses()).as("the login page's icon, before anyone signs in").containsExactly(200L);

        WebElement username = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("#vaadinLoginUsername input")));
        username.sendKeys("engineer");
        browser.findElement(By.cssSelector("#vaadinLoginPassword input")).sendKeys("engineer-demo", Keys.ENTER);

        WebElement who = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in-user")));
        assertThat(who.getText()).isEqualTo("engineer");
        assertThat(browser.findElement(By.id("drawer-user")).isDisplayed()).as("the name is in the navbar here")
                .isFalse();
        List<String> areas = wait.until(d -> {
            List<String> labels = d.findElements(By.cssSelector("#main-nav vaadin-side-nav-item")).stream()
                    .map(WebElement::getText).map(String::strip).filter(s -> !s.isEmpty()).toList();
            return labels.size() == 5 ? labels : null;
        });
        assertThat(areas).anySatisfy(a -> assertThat(a).startsWith("Tasklist"))
                .anySatisfy(a -> assertThat(a).startsWith("Tickets"))
                .anySatisfy(a -> assertThat(a).startsWith("Service tree"))
                .anySatisfy(a -> assertThat(a).startsWith("Tree changes"));
        assertThat(browser.getCurrentUrl()).contains("/tasks");
        assertThat(browser.findElement(By.id("task-grid")).isDisplayed()).isTrue();

        assertThat(iconStatuses()).as("the pages' icon; without one, Chromium asked for /favicon.ico, a 404")
                .containsExactly(200L);

        Chromium.screenshot(browser, "engineer-main-layout");
    }

    /** The HTTP status of each icon the page links, fetched by the page itself (with its cookies, as Chromium would). */
    @SuppressWarnings("unchecked")
    private List<Long> iconStatuses() {
        Object statuses = browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                + "const links = [...document.querySelectorAll('link[rel~=icon]')].map(l => l.href);"
                + "Promise.all(links.map(h => fetch(h).then(r => r.ok && r.headers.get('content-type')"
                + ".startsWith('image/') ? r.status : -r.status))).then(done, e => done(String(e)));");
        assertThat(statuses).isInstanceOf(List.class);
        return (List<Long>) statuses;
    }

    /** On a phone's width the language and Sign out stay on screen and Sign out works (it was beyond the edge). */
    @Test
    void onAPhoneSignOutIsOnScreenAndSignsOut() {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(360, 740));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get("http://localhost:" + port + "/login");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#vaadinLoginUsername input")))
                .sendKeys("process-owner");
        browser.findElement(By.cssSelector("#vaadinLoginPassword input")).sendKeys("process-owner-demo", Keys.ENTER);
        WebElement signOut = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-out")));
        int width = ((Number) browser.executeScript("return window.innerWidth;")).intValue();
        wait.until(d -> signOut.getRect().getX() >= 0);
        assertThat(signOut.getRect().getX() + signOut.getRect().getWidth()).as("Sign out's right edge at " + width
                + " px").isLessThanOrEqualTo(width);
        assertThat(browser.findElement(By.cssSelector("#sign-out")).isDisplayed()).isTrue();
        Chromium.screenshot(browser, "phone-navbar");
        // the name that gave way is at the top of the drawer
        browser.findElement(By.cssSelector("vaadin-drawer-toggle")).click();
        WebElement drawerUser = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("drawer-user")));
        assertThat(drawerUser.getText()).isEqualTo("Signed in as process-owner");
        browser.switchTo().activeElement().sendKeys(Keys.ESCAPE); // the drawer covers the toggle on a phone
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("drawer-user")));
        signOut.click();
        wait.until(ExpectedConditions.urlContains("/login"));
    }

    @Test
    void aWrongPasswordShowsWhy() {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        browser.get("http://localhost:" + port + "/login");
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#vaadinLoginUsername input")))
                .sendKeys("reviewer");
        browser.findElement(By.cssSelector("#vaadinLoginPassword input")).sendKeys("nope-nope", Keys.ENTER);
        wait.until(ExpectedConditions.urlContains("error"));
        String text = wait.until(d -> {
            Object t = browser.executeScript(
                    "const f = document.querySelector('vaadin-login-form');"
                    + "return f && f.error ? f.i18n.errorMessage.message : null;");
            return t instanceof String s ? s : null;
        });
        assertThat(text).contains("Check that the username and password are correct");
    }
}
