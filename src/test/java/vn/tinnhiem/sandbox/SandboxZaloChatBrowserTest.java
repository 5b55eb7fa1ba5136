package vn.tinnhiem.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.tinnhiem.config.DefinitionLoader;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.testing.Chromium;

/**
 * A participant known only by a Zalo id rehearses in the sandbox as on Zalo: a text-only chat
 * with no buttons, where the ballot is a numbered menu answered by typing, through the page's
 * own composer in a real browser (issue 10: "the sandbox can show a participant as a
 * text-only, Zalo-style chat").
 */
class SandboxZaloChatBrowserTest {
    private static final Path SCREENSHOT = Path.of("target", "sandbox-zalo-chat.png");
    /** p10 of the example vote has only a zaloId. */
    private static final String ZALO_VOTER = "sz:8800000000000110";
    private static final String ORGANISER = "sb:100000001";

    private SandboxServer server;
    private Chromium chromium;
    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void start() throws Exception {
        VoteDefinition vote = DefinitionLoader.load(Path.of("config", "example-vote.json")).get(0);
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
    void aZaloOnlyParticipantVotesByTypingNumbersAndNeverSeesAButton() throws IOException {
        try {
            browser.get(server.url());
            wait.until(ExpectedConditions.textToBe(By.id("vote-state"), "chưa bắt đầu"));
            openChat(ZALO_VOTER);
            openChat(ORGANISER);

            type(ZALO_VOTER, "/start");
            waitForText(ZALO_VOTER, "đã điểm danh");
            // One participant of 14 is below the 2/3 quorum: the organiser opens anyway.
            type(ORGANISER, "/open force");
            waitForText(ORGANISER, "đã bắt đầu bỏ phiếu");
            waitForText(ZALO_VOTER, "1/3");

            type(ZALO_VOTER, "1");
            waitForText(ZALO_VOTER, "2/3");
            type(ZALO_VOTER, "xin chào");
            waitForText(ZALO_VOTER, "Chưa hiểu câu trả lời");
            type(ZALO_VOTER, "0");
            type(ZALO_VOTER, "2");
            type(ZALO_VOTER, "4");
            type(ZALO_VOTER, "3");
            waitForText(ZALO_VOTER, "Xem lại phiếu");
            type(ZALO_VOTER, "gửi");
            waitForText(ZALO_VOTER, "Mã biên nhận");

            assertTrue(browser.findElements(By.cssSelector(pane(ZALO_VOTER) + "button.ikb")).isEmpty(),
                    "a Zalo-style chat has no inline buttons");
            List<WebElement> messages = browser.findElements(By.cssSelector(pane(ZALO_VOTER) + ".messages > *"));
            String confirmation = messages.get(messages.size() - 1).getText();
            assertTrue(confirmation.contains("Mã biên nhận"), confirmation);
            for (String level : List.of("Tín nhiệm cao", "Tín nhiệm thấp", "Bỏ trống")) {
                assertFalse(confirmation.contains(level), "the confirmation shows a choice: " + confirmation);
            }

            type(ORGANISER, "/close");
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("results-summary"),
                    "Phiếu thu về: 1"));
            assertEquals("100%", percent(1, "medium"), "row 1 was changed from high to medium");
            String invalid = browser.findElement(By.cssSelector("#results tr[data-leader='2'] td:nth-child(7)"))
                    .getText();
            assertEquals("1", invalid, "row 2 was left blank: invalid for that leader only");
            assertEquals("100%", percent(3, "low"));
        } finally {
            chromium.screenshot(SCREENSHOT);
        }
    }

    private String pane(String key) {
        return ".pane[data-key='" + key + "'] ";
    }

    /** Opens a person's chat from the list, unless it is open already. */
    private void openChat(String key) {
        if (browser.findElements(By.cssSelector(pane(key))).isEmpty()) {
            browser.findElement(By.cssSelector("#people li.person[data-key='" + key + "']")).click();
        }
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(pane(key) + ".composer-input")));
    }

    /** Types into the chat's composer and sends it, as a person would. */
    private void type(String key, String text) {
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement input = d.findElement(By.cssSelector(pane(key) + ".composer-input"));
            input.sendKeys(text, Keys.ENTER);
            return true;
        });
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
