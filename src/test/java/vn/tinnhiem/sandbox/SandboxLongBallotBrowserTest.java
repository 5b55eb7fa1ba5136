package vn.tinnhiem.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.tinnhiem.core.Leader;
import vn.tinnhiem.testing.Votes;

/**
 * A 100-leader ballot on the sandbox page at a phone's width, in Chromium: every leader in
 * turn, the review in pages of ten rows with a ✏️ per row and a button per page, row 95
 * changed from the last page and back on it, submitted; the page never scrolls sideways and
 * the results table is exact.
 */
class SandboxLongBallotBrowserTest {
    private static final Path SCREENSHOT = Path.of("target", "sandbox-long-ballot.png");
    private static final int PHONE_WIDTH = 390;
    private static final String P1 = "sb:" + Votes.participantTelegramId(1);
    private static final String ORGANISER = "sb:" + Votes.ORGANISER_ID;

    private SandboxPage page;

    @BeforeEach
    void start() throws IOException {
        Leader[] leaders = new Leader[100];
        for (int i = 1; i <= 100; i++) {
            leaders[i - 1] = new Leader("l" + i, "Tôn Nữ Hoàng Thị Phương Thảo " + i, "Phó Trưởng ban Kinh tế - Ngân sách");
        }
        page = SandboxPage.open(Votes.builder("v1").participants(1).leaders(leaders).build());
    }

    @AfterEach
    void stop() throws IOException {
        if (page != null) {
            page.close();
        }
    }

    @Test
    void aHundredLeadersAreRatedReviewedPageByPageAndARowIsChangedFromTheReview() throws IOException {
        page.chromium.viewport(PHONE_WIDTH, 844);
        try {
            page.browser.get(page.server.url());
            page.wait.until(ExpectedConditions.textToBe(By.id("vote-state"), "chưa bắt đầu"));
            page.command(P1, "start");
            page.command(ORGANISER, "open");
            page.waitForText(P1, "1/100");
            for (int k = 0; k < 100; k++) {
                page.press(P1, "r:v1:" + k + ":H");
            }
            page.waitForText(P1, "(trang 1/10: dòng 1–10 trên 100)");
            assertEquals(22, buttons(), "ten row edits, ten pages, submit and back");
            assertFitsPhoneWidth("with the review's keyboard");

            page.press(P1, "g:v1:9");
            page.waitForText(P1, "(trang 10/10: dòng 91–100 trên 100)");
            page.press(P1, "e:v1:94");
            page.waitForText(P1, "Sửa dòng 95/100");
            page.press(P1, "r:v1:94:L");
            page.waitForText(P1, "95. Tôn Nữ Hoàng Thị Phương Thảo 95 (Phó Trưởng ban Kinh tế - Ngân sách): Tín nhiệm thấp");
            assertTrue(page.browser.findElement(By.cssSelector(SandboxPage.pane(P1) + ".messages")).getText()
                    .contains("(trang 10/10: dòng 91–100 trên 100)"), "back on the page holding row 95");
            page.press(P1, "f:v1");
            page.press(P1, "s:v1");
            page.waitForText(P1, "Mã biên nhận");

            // Close makes the results files of 100 leaders (minutes, chart): on a shared machine that
            // can take longer than a press, so wait for the results themselves, not the click.
            page.browser.findElement(By.cssSelector(SandboxPage.pane(ORGANISER) + "button.cmd[data-command='close']"))
                    .click();
            new WebDriverWait(page.browser, Duration.ofSeconds(120)).until(ExpectedConditions
                    .textToBePresentInElementLocated(By.id("results-summary"), "Phiếu thu về: 1"));
            assertEquals("100,00%", page.percent(1, "high"));
            assertEquals("100,00%", page.percent(95, "low"), "row 95 was changed from the review");
            assertEquals("0,00%", page.percent(95, "high"));
            assertEquals("100,00%", page.percent(100, "high"));
        } finally {
            page.chromium.screenshot(SCREENSHOT);
        }
    }

    private int buttons() {
        return page.browser.findElements(By.cssSelector(SandboxPage.pane(P1) + "button.ikb")).size();
    }

    private void assertFitsPhoneWidth(String when) {
        Number width = (Number) page.browser.executeScript("return document.documentElement.scrollWidth");
        assertTrue(width.intValue() <= PHONE_WIDTH, when + ": the page is " + width + " px wide at " + PHONE_WIDTH
                + " px, so it scrolls sideways");
    }
}
