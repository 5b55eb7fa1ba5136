package vn.tinnhiem.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.testing.Chromium;

/**
 * The hall display in Chromium at a projector's 1920×1080, through a vote's life: before
 * opening, open with turnout, after close. Each stage is saved as a screenshot under target/.
 * The page polls the server, so each stage is reached by changing the store and waiting.
 */
class DisplayBrowserTest {
    private Hall hall;
    private DisplayServer server;
    private Chromium chromium;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void start() throws IOException {
        hall = new Hall(new InMemoryVoteStore(), Instant.now().plus(Duration.ofMinutes(95)));
        server = DisplayServer.start(List.of(hall.vote), hall.store, Clock.systemUTC(), "127.0.0.1", 0,
                DisplayServer.newToken());
        chromium = Chromium.start(1920, 1080);
        chromium.viewport(1920, 1080);
        browser = chromium.driver();
        wait = new WebDriverWait(browser, Duration.ofSeconds(10));
    }

    @AfterEach
    void stop() throws IOException {
        try {
            chromium.close();
        } finally {
            server.close();
        }
    }

    @Test
    void theHallFollowsTheVoteFromCheckInToResultsWithoutNamingAnyVoter() throws IOException {
        hall.checkIn(8);
        browser.get(server.url(hall.vote.id()));
        waitForText("present", "8");
        chromium.screenshot(Path.of("target", "display-1-before-open.png"));
        assertEquals("14", text("summoned"));
        assertEquals("chưa bắt đầu", text("state"));
        assertTrue(text("quorum-note").contains("cần 10, còn thiếu 2"), text("quorum-note"));
        assertTrue(text("countdown").matches("1:3[45]:\\d\\d"), text("countdown"));
        assertTrue(text("deadline-note").startsWith("Hạn chót: "), text("deadline-note"));
        assertQuorumLineAtTwoThirds();
        assertNoVoterNamed();

        hall.checkIn(12).open().ballots(0, 7);
        waitForText("returned", "7");
        chromium.screenshot(Path.of("target", "display-2-open.png"));
        assertEquals("12", text("issued"));
        assertEquals("đang bỏ phiếu", text("state"));
        assertTrue(text("quorum-note").startsWith("Đủ 2/3"), text("quorum-note"));
        assertEquals("58,33% số phiếu phát ra", text("returned-note"), "two decimals, as the minutes write shares");
        double fill = width("returned-fill") / width("returned-bar");
        assertEquals(7.0 / 12, fill, 0.01, "the progress bar is returned/issued");
        assertTrue(browser.findElement(By.id("results")).getAttribute("hidden") != null, "no results while open");
        assertNoVoterNamed();

        hall.ballots(7, 12).close();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("results")));
        chromium.screenshot(Path.of("target", "display-3-closed.png"));
        assertEquals("đã kết thúc", text("state"));
        assertEquals(3, browser.findElements(By.cssSelector("#results-rows tr")).size());
        assertEquals(3, browser.findElements(By.cssSelector("#chart .chart-row")).size());
        String high = browser.findElement(By.cssSelector("#results-rows tr[data-leader='1'] td[data-choice='high']"))
                .getText();
        assertEquals("4\n33,33%", high, "ballots 0,3,6,9 of 12 rated the director HIGH");
        // Readable from the back of the hall: the table's type is at least 30 px on 1080 lines.
        double size = Double.parseDouble(((String) browser.executeScript("return getComputedStyle("
                + "document.querySelector('#results-rows td')).fontSize")).replace("px", ""));
        assertTrue(size >= 30, "table type is " + size + " px");
        assertEquals(1080L, browser.executeScript("return window.innerHeight"));
        Number scroll = (Number) browser.executeScript("return document.documentElement.scrollHeight");
        assertTrue(scroll.intValue() <= 1080, "everything fits the projector without scrolling: " + scroll);
        int chartBottom = browser.findElement(By.id("chart")).getRect().getY()
                + browser.findElement(By.id("chart")).getRect().getHeight();
        int footTop = browser.findElement(By.cssSelector("footer")).getRect().getY();
        assertTrue(chartBottom <= footTop, "the chart (to " + chartBottom + ") overlaps the footer (from " + footTop + ")");
        assertNoVoterNamed();
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private double width(String id) {
        return browser.findElement(By.id(id)).getRect().getWidth();
    }

    private void waitForText(String id, String expected) {
        wait.until(ExpectedConditions.textToBe(By.id(id), expected));
        // The bar's width animates for 0.6 s after the numbers change.
        wait.until(d -> !(Boolean) ((ChromeDriver) d).executeScript(
                "return document.getAnimations().length > 0"));
    }

    private void assertQuorumLineAtTwoThirds() {
        double bar = width("present-bar");
        double left = browser.findElement(By.id("quorum-line")).getRect().getX()
                - browser.findElement(By.id("present-bar")).getRect().getX();
        assertEquals(10.0 / 14, left / bar, 0.01, "the quorum line stands at 10 of 14");
    }

    private void assertNoVoterNamed() {
        String page = browser.getPageSource() + browser.findElement(By.tagName("body")).getText();
        for (String s : hall.identifying()) {
            assertFalse(page.contains(s), "the display shows " + s);
        }
    }
}
