package vn.tinnhiem.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import vn.tinnhiem.config.DefinitionLoader;

/**
 * A participant known only by a Zalo id rehearses in the sandbox as on Zalo: a text-only chat
 * with no buttons, where the ballot is a numbered menu answered by typing, through the page's
 * own composer in a real browser (issue 10: "the sandbox can show a participant as a
 * text-only, Zalo-style chat").
 */
class SandboxZaloChatBrowserTest {
    private static final Path SCREENSHOT = Path.of("target", "sandbox-zalo-chat.png");
    /** p10 of the example vote has only a zaloId. */
    private static final String ZALO_VOTER = "sz:6ede9afa66b88fe6d110";
    private static final String ORGANISER = "sb:100000001";

    private SandboxPage page;

    @BeforeEach
    void start() throws Exception {
        page = SandboxPage.open(DefinitionLoader.load(Path.of("config", "example-vote.json")).get(0));
    }

    @AfterEach
    void stop() throws IOException {
        if (page != null) {
            page.close();
        }
    }

    @Test
    void aZaloOnlyParticipantVotesByTypingNumbersAndNeverSeesAButton() throws IOException {
        try {
            page.browser.get(page.server.url());
            page.wait.until(ExpectedConditions.textToBe(By.id("vote-state"), "chưa bắt đầu"));
            page.openChat(ZALO_VOTER);
            page.openChat(ORGANISER);

            page.type(ZALO_VOTER, "/start");
            page.waitForText(ZALO_VOTER, "đã điểm danh");
            // One participant of 14 is below the 2/3 quorum: the organiser opens anyway.
            page.type(ORGANISER, "/open force");
            page.waitForText(ORGANISER, "Đã bắt đầu bỏ phiếu");
            page.waitForText(ZALO_VOTER, "Mức: 1 – Tín nhiệm cao");

            page.type(ZALO_VOTER, "1"); // one digit: the step-by-step menu, from leader 2
            page.waitForText(ZALO_VOTER, "2/3");
            page.type(ZALO_VOTER, "xin chào");
            page.waitForText(ZALO_VOTER, "Chưa hiểu câu trả lời");
            page.type(ZALO_VOTER, "0");
            page.type(ZALO_VOTER, "2");
            page.type(ZALO_VOTER, "4");
            page.type(ZALO_VOTER, "3");
            page.waitForText(ZALO_VOTER, "Xem lại phiếu");
            page.type(ZALO_VOTER, "gửi");
            page.waitForText(ZALO_VOTER, "Mã biên nhận");

            assertTrue(page.browser.findElements(By.cssSelector(SandboxPage.pane(ZALO_VOTER) + "button.ikb")).isEmpty(),
                    "a Zalo-style chat has no inline buttons");
            List<WebElement> messages =
                    page.browser.findElements(By.cssSelector(SandboxPage.pane(ZALO_VOTER) + ".messages > *"));
            String confirmation = messages.get(messages.size() - 1).getText();
            assertTrue(confirmation.contains("Mã biên nhận"), confirmation);
            for (String level : List.of("Tín nhiệm cao", "Tín nhiệm thấp", "Bỏ trống")) {
                assertFalse(confirmation.contains(level), "the confirmation shows a choice: " + confirmation);
            }

            page.type(ORGANISER, "/close force");
            page.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("results-summary"),
                    "Phiếu thu về: 1"));
            assertEquals("100,00%", page.percent(1, "medium"), "row 1 was changed from high to medium");
            assertEquals("1", page.invalid(2), "row 2 was left blank: invalid for that leader only");
            assertEquals("100,00%", page.percent(3, "low"));
        } finally {
            page.chromium.screenshot(SCREENSHOT);
        }
    }
}
