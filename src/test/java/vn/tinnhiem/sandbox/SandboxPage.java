package vn.tinnhiem.sandbox;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.testing.Chromium;

/**
 * The sandbox page of one vote in Debian's headless Chromium, for the browser tests: the
 * server on a free port, the browser, and what a person does on the page (open a chat, press a
 * button, type, read the results table).
 */
final class SandboxPage implements AutoCloseable {
    final SandboxServer server;
    final Chromium chromium;
    final ChromeDriver browser;
    final WebDriverWait wait;

    private SandboxPage(SandboxServer server, Chromium chromium) {
        this.server = server;
        this.chromium = chromium;
        this.browser = chromium.driver();
        this.wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    static SandboxPage open(VoteDefinition vote) throws IOException {
        SandboxServer server = SandboxServer.start(new Sandbox(vote, new InMemoryVoteStore(), Clock.systemUTC()), 0);
        try {
            return new SandboxPage(server, Chromium.start(1600, 1900));
        } catch (RuntimeException | IOException e) {
            server.close();
            throw e;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            chromium.close();
        } finally {
            server.close();
        }
    }

    static String pane(String key) {
        return ".pane[data-key='" + key + "'] ";
    }

    void command(String key, String name) {
        click(pane(key) + "button.cmd[data-command='" + name + "']");
    }

    void press(String key, String data) {
        click(pane(key) + "button.ikb[data-data='" + data + "']");
    }

    /** The page redraws a chat when it changes: find the element afresh if it was replaced. */
    void click(String css) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
        // The press is applied when the button has gone or changed (the message is edited).
        idle();
    }

    /** Opens a person's chat from the list, unless it is open already. */
    void openChat(String key) {
        if (browser.findElements(By.cssSelector(pane(key))).isEmpty()) {
            browser.findElement(By.cssSelector("#people li.person[data-key='" + key + "']")).click();
        }
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(pane(key) + ".composer-input")));
    }

    /** Types into the chat's composer and sends it, as a person would. */
    void type(String key, String text) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement input = d.findElement(By.cssSelector(pane(key) + ".composer-input"));
            input.sendKeys(text, Keys.ENTER);
            return true;
        });
        idle();
    }

    private void idle() {
        wait.until(ExpectedConditions.not(ExpectedConditions.attributeToBe(By.tagName("body"), "data-busy", "1")));
    }

    void waitForText(String key, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(pane(key) + ".messages"), text));
    }

    /** The percentage shown for a leader (1-based) and a level of the results table. */
    String percent(int leader, String choice) {
        return browser.findElement(By.cssSelector(
                "#results td[data-leader='" + leader + "'][data-choice='" + choice + "'] .pct")).getText();
    }

    /** The invalid (blank) rows shown for a leader (1-based) in the results table. */
    String invalid(int leader) {
        return browser.findElement(By.cssSelector("#results tr[data-leader='" + leader + "'] td:nth-child(7)"))
                .getText();
    }
}
