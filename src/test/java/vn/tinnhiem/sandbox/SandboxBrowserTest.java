package vn.tinnhiem.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.tinnhiem.core.Rulebook;
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

    private SandboxPage page;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void start() throws IOException {
        // NQ 85/2014 divides by the 3 summoned, so the page must show 2/3 as 66,67%.
        page = SandboxPage.open(Votes.builder("v1").participants(3).rulebook(Rulebook.NQ85_2014).build());
        browser = page.browser;
        wait = page.wait;
    }

    @AfterEach
    void stop() throws IOException {
        if (page != null) {
            page.close();
        }
    }

    @Test
    void twoParticipantsVoteThroughThePageAndTheResultsPanelShowsThePercentages() throws IOException {
        try {
            browser.get(page.server.url());
            wait.until(ExpectedConditions.textToBe(By.id("vote-state"), "chưa bắt đầu"));

            command(P1, "start");
            command(P2, "start");
            waitForText(P2, "đã điểm danh");
            command(ORGANISER, "open");
            waitForText(ORGANISER, "Đã bắt đầu bỏ phiếu");

            press(P1, "r:v1:0:H");
            press(P1, "r:v1:1:M");
            press(P1, "r:v1:2:L");
            press(P1, "f:v1");
            press(P1, "s:v1");
            press(P2, "r:v1:0:H");
            press(P2, "r:v1:1:B");
            press(P2, "r:v1:2:L");
            press(P2, "f:v1");
            press(P2, "s:v1");
            waitForText(P1, "Mã biên nhận");
            waitForText(P2, "Mã biên nhận");

            command(ORGANISER, "close");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("results")));
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("results-summary"),
                    "Phiếu thu về: 2"));
            assertEquals("66,67%", percent(1, "high"));
            assertEquals("0,00%", percent(1, "medium"));
            assertEquals("33,33%", percent(2, "medium"));
            assertEquals("66,67%", percent(3, "low"));
            assertEquals("1", page.invalid(2), "the blank row is invalid for that leader only");
            assertTrue(browser.findElement(By.cssSelector("#results tr[data-leader='3'] .verdict")).getText()
                    .contains("Thuộc trường hợp có từ 2/3 trở lên"));
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
            page.chromium.screenshot(SCREENSHOT);
        }
    }

    @Test
    void atPhoneWidthThePageNeverScrollsSideways() throws IOException {
        // An iPhone 12-15's CSS viewport; Chromium's own minimum window width is larger.
        page.chromium.viewport(PHONE_WIDTH, 844);
        try {
            browser.get(page.server.url());
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
                press(key, "f:v1");
                press(key, "s:v1");
            }
            command(ORGANISER, "close");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("results")));
            assertFitsPhoneWidth("with the results table");
            browser.executeScript("window.scrollTo(0, 0)");
        } finally {
            page.chromium.screenshot(PHONE_SCREENSHOT);
        }
    }

    private void assertFitsPhoneWidth(String when) {
        Number width = (Number) browser.executeScript("return document.documentElement.scrollWidth");
        Number viewport = (Number) browser.executeScript("return window.innerWidth");
        assertEquals(PHONE_WIDTH, viewport.intValue(), "the emulated viewport");
        assertTrue(width.intValue() <= PHONE_WIDTH, when + ": the page is " + width + " px wide at "
                + PHONE_WIDTH + " px, so it scrolls sideways");
    }

    private void command(String key, String name) {
        page.command(key, name);
    }

    private void press(String key, String data) {
        page.press(key, data);
    }

    private void waitForText(String key, String text) {
        page.waitForText(key, text);
    }

    private String percent(int leader, String choice) {
        return page.percent(leader, choice);
    }
}
