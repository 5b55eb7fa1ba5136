package vn.tinnhiem.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.tinnhiem.core.Rulebook;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.testing.Chromium;
import vn.tinnhiem.testing.Votes;

/**
 * The sandbox page in a real browser: Debian's headless Chromium driven by its ChromeDriver,
 * both from the system (no browser download at test time). Two of three participants check
 * in, which reaches the 2/3 quorum; they vote through the page's buttons (one leaves a row
 * blank); the organiser opens and closes; the results panel shows the percentages.
 */
class SandboxBrowserTest {
    private static final Path SCREENSHOT = Path.of("target", "sandbox-browser-test.png");
    private static final Path PHONE_SCREENSHOT = Path.of("target", "sandbox-390px.png");
    private static final int PHONE_WIDTH = 390;

    private static final String P1 = "sb:" + Votes.participantTelegramId(1);
    private static final String P2 = "sb:" + Votes.participantTelegramId(2);
    private static final String ORGANISER = "sb:" + Votes.ORGANISER_ID;

    private SandboxServer server;
    private Chromium chromium;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void start() throws IOException {
        // NQ 85/2014 divides by the 3 summoned, so the page must show 2/3 as 66,67%.
        var vote = Votes.builder("v1").participants(3).rulebook(Rulebook.NQ85_2014).build();
        server = SandboxServer.start(new Sandbox(vote, new InMemoryVoteStore(), Clock.systemUTC()), 0);
        chromium = Chromium.start(1600, 1900);
        browser = chromium.driver();
        wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() throws IOException {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            server.close();
        }
    }

    @Test
    void twoParticipantsVoteThroughThePageAndTheResultsPanelShowsThePercentages() throws IOException {
        try {
            browser.get(server.url());
            wait.until(ExpectedConditions.textToBe(By.id("vote-state"), "chưa bắt đầu"));

            command(P1, "start");
            command(P2, "start");
            waitForText(P2, "đã điểm danh");
            command(ORGANISER, "open");
            waitForText(ORGANISER, "đã bắt đầu bỏ phiếu");

            press(P1, "r:v1:0:H");
            press(P1, "r:v1:1:M");
            press(P1, "r:v1:2:L");
            press(P1, "s:v1");
            press(P2, "r:v1:0:H");
            press(P2, "r:v1:1:B");
            press(P2, "r:v1:2:L");
            press(P2, "s:v1");
            waitForText(P1, "Mã biên nhận");
            waitForText(P2, "Mã biên nhận");

            command(ORGANISER, "close");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("results")));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("results-summary"),
                    "Phiếu thu về: 2"));
            assertEquals("66,67%", percent(1, "high"));
            assertEquals("0%", percent(1, "medium"));
            assertEquals("33,33%", percent(2, "medium"));
            assertEquals("66,67%", percent(3, "low"));
            String invalid = browser.findElement(By.cssSelector("#results tr[data-leader='2'] td:nth-child(7)"))
                    .getText();
            assertEquals("1", invalid, "the blank row is invalid for that leader only");
            assertTrue(browser.findElement(By.cssSelector("#results tr[data-leader='3'] .verdict")).getText()
                    .contains("Từ 2/3 trở lên"));
            var pdf = browser.findElement(By.cssSelector("#results-exports a[data-format='pdf']"));
            assertEquals("Biên bản kiểm phiếu (PDF)", pdf.getText());
            assertTrue(pdf.getAttribute("href").endsWith("/api/export/pdf?lang=vi"), pdf.getAttribute("href"));
            assertEquals(6, browser.findElements(By.cssSelector("#results-exports a")).size(),
                    "JSON, CSV, XLSX, chart, minutes as PDF and DOCX");

            browser.findElement(By.cssSelector(".lang button[data-lang='en']")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("results-summary"),
                    "Ballots returned: 2"));
            assertEquals("66.67%", percent(1, "high"));
            browser.findElement(By.cssSelector(".lang button[data-lang='vi']")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("results-summary"),
                    "Phiếu thu về: 2"));
        } finally {
            chromium.screenshot(SCREENSHOT);
        }
    }

    @Test
    void atPhoneWidthThePageNeverScrollsSideways() throws IOException {
        // An iPhone 12-15's CSS viewport; Chromium's own minimum window width is larger.
        chromium.viewport(PHONE_WIDTH, 844);
        try {
            browser.get(server.url());
            wait.until(ExpectedConditions.textToBe(By.id("vote-state"), "chưa bắt đầu"));
            assertFitsPhoneWidth("before the vote");

            command(P1, "start");
            command(P2, "start");
            command(ORGANISER, "open");
            waitForText(P1, "1/3");
            assertFitsPhoneWidth("with ballots open");

            for (String key : new String[] {P1, P2}) {
                press(key, "r:v1:0:H");
                press(key, "r:v1:1:M");
                press(key, "r:v1:2:L");
                press(key, "s:v1");
            }
            command(ORGANISER, "close");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("results")));
            assertFitsPhoneWidth("with the results table");
            browser.executeScript("window.scrollTo(0, 0)");
        } finally {
            chromium.screenshot(PHONE_SCREENSHOT);
        }
    }

    private void assertFitsPhoneWidth(String when) {
        Number width = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        Number viewport = (Number) browser.executeScript("return window.innerWidth");
        assertEquals(PHONE_WIDTH, viewport.intValue(), "the emulated viewport");
        assertTrue(width.intValue() <= PHONE_WIDTH, when + ": the page is " + width + " px wide at "
                + PHONE_WIDTH + " px, so it scrolls sideways");
    }

    private String pane(String key) {
        return ".pane[data-key='" + key + "'] ";
    }

    private void command(String key, String name) {
        click(pane(key) + "button.cmd[data-command='" + name + "']");
    }

    private void press(String key, String data) {
        click(pane(key) + "button.ikb[data-data='" + data + "']");
    }

    /** The page redraws a chat when it changes: find the element afresh if it was replaced. */
    private void click(String css) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector(css)).click();
            return true;
        });
        // The press is applied when the button has gone or changed (the message is edited).
        wait.until(ExpectedConditions.not(ExpectedConditions.attributeToBe(By.tagName("body"), "data-busy", "1")));
    }

    private void waitForText(String key, String text) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(pane(key) + ".messages"), text));
    }

    private String percent(int leader, String choice) {
        return browser.findElement(By.cssSelector(
                "#results td[data-leader='" + leader + "'][data-choice='" + choice + "'] .pct")).getText();
    }

}
