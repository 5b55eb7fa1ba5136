package vn.tinnhiem.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.tinnhiem.core.Leader;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.testing.Chromium;

/**
 * The hall display on a projector's three usual resolutions (4:3 1024×768, 1280×720, 1920×1080)
 * in every state of a 44-leader vote: before opening (a countdown of 10 hours and more, the
 * widest it gets), voting, and closed, where the results page themselves. On every screen and
 * every page, asserted in the DOM: the document is exactly the viewport (no scrolling), every
 * element shown lies inside it, no text runs past its box (scrollWidth ≤ clientWidth), no row
 * hides under the footer or past the bottom of the results, and every leader's row and chart
 * line is shown once. Screenshots go to target/display-screens/ (copies in docs/hall-display/).
 */
class DisplayFitsTheScreenBrowserTest {
    /** Realistic names and positions of a provincial department's 44 leaders, some long. */
    private static final String[] FAMILY = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ",
            "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"};
    private static final String[] GIVEN = {"Văn An", "Thị Bình", "Quốc Cường", "Thị Thu Lan", "Minh Đức",
            "Hoàng Anh Tuấn", "Thị Ngọc Hân", "Đình Phúc", "Tôn Nữ Phương Thảo", "Xuân Trường", "Thanh Hương"};
    private static final String[] POSITION = {"Cục trưởng", "Phó Cục trưởng",
            "Chi cục trưởng Chi cục Thi hành án dân sự huyện Đông Sơn",
            "Trưởng phòng Nghiệp vụ và Tổ chức thi hành án", "Chánh Văn phòng Cục",
            "Phó Chi cục trưởng Chi cục Thi hành án dân sự thành phố", "Chấp hành viên trung cấp"};
    static final int LEADERS = 44;
    static final int PAGE_MS = 700;

    private Hall hall;
    private DisplayServer server;
    private Chromium chromium;
    private ChromeDriver browser;
    private WebDriverWait wait;

    static List<Leader> leaders() {
        List<Leader> out = new ArrayList<>();
        for (int i = 0; i < LEADERS; i++) {
            out.add(new Leader("l" + (i + 1), FAMILY[i % FAMILY.length] + " " + GIVEN[(i * 7) % GIVEN.length],
                    POSITION[i % POSITION.length]));
        }
        return out;
    }

    private void start(int width, int height) throws IOException {
        // 10:51:xx before opening: the widest countdown, which 1024×768 used to cut.
        hall = new Hall(new InMemoryVoteStore(), Instant.now().plus(Duration.ofMinutes(10 * 60 + 52)), leaders());
        server = DisplayServer.start(List.of(hall.vote), hall.store, Clock.systemUTC(), "127.0.0.1", 0,
                DisplayServer.newToken());
        chromium = Chromium.start(width, height);
        chromium.viewport(width, height);
        browser = chromium.driver();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterEach
    void stop() throws IOException {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"1024, 768", "1280, 720", "1920, 1080"})
    void everyStateFitsTheScreenAndLongResultsPageThemselves(int width, int height) throws Exception {
        start(width, height);
        String size = width + "x" + height;
        hall.checkIn(8);
        browser.get(server.url(hall.vote.id()) + "?page-seconds=" + PAGE_MS / 1000.0);
        wait.until(ExpectedConditions.textToBe(By.id("present"), "8"));
        settle();
        assertTrue(text("countdown").matches("10:5[01]:\\d\\d"), text("countdown"));
        assertFits(size + " before opening");
        chromium.screenshot(shot(size, "1-before-open"));

        hall.checkIn(14).open().ballots(0, 7);
        wait.until(ExpectedConditions.textToBe(By.id("returned"), "7"));
        settle();
        assertFits(size + " voting");
        chromium.screenshot(shot(size, "2-open"));

        hall.ballots(7, 14).close();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("results")));
        wait.until(d -> attribute("page", "data-pages") != null);
        int pages = Integer.parseInt(attribute("page", "data-pages"));
        assertTrue(pages >= 3, size + ": 44 leaders on " + pages + " pages, the chart included");
        TreeSet<Integer> rowsSeen = new TreeSet<>();
        TreeSet<Integer> linesSeen = new TreeSet<>();
        int tableShots = 0;
        int chartShots = 0;
        for (int page = 1; page <= pages; page++) {
            String p = Integer.toString(page);
            wait.until(d -> p.equals(attribute("page", "data-page")));
            // One script: the page cannot turn while it runs.
            Map<String, Object> seen = pageSeen();
            assertEquals(p, String.valueOf(seen.get("page")));
            String label = String.valueOf(seen.get("label"));
            assertEquals((hall.vote.language().getLanguage().equals("vi") ? "trang " : "page ") + page + "/" + pages,
                    label, size);
            assertFits(size + " closed, " + label);
            List<Integer> rows = ints(seen.get("rows"));
            List<Integer> lines = ints(seen.get("lines"));
            assertTrue(rows.isEmpty() != lines.isEmpty(), size + " " + label + ": a page of rows or of the chart, " + seen);
            for (int r : rows) {
                assertTrue(rowsSeen.add(r), size + ": row " + r + " shown twice");
            }
            for (int l : lines) {
                assertTrue(linesSeen.add(l), size + ": chart line " + l + " shown twice");
            }
            if (!rows.isEmpty() && tableShots++ == 0 || !lines.isEmpty() && chartShots++ == 0) {
                Path file = shot(size, rows.isEmpty() ? "4-closed-chart" : "3-closed-table");
                chromium.screenshot(file);
            }
        }
        assertEquals(LEADERS, rowsSeen.size(), size + ": every leader's row is shown once " + rowsSeen);
        assertEquals(LEADERS, linesSeen.size(), size + ": every leader's chart line is shown once " + linesSeen);
        assertTrue(linesSeen.first() > 0 && rowsSeen.last() == LEADERS);
        // After the last page, the first again.
        wait.until(d -> "1".equals(attribute("page", "data-page")));
        if (width == 1024) {
            // The page number in the page's language, from the bundle.
            browser.get(server.url(hall.vote.id()) + "?lang=en&page-seconds=60");
            wait.until(d -> text("page").startsWith("page 1/"));
            assertTrue(text("results-title").equals("Results"), text("results-title"));
            assertFits(size + " closed, in English");
            // The server gone: the footer's warning takes room, and the pages make way for it.
            server.close();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("offline")));
            assertFits(size + " closed, offline");
        }
    }

    private static Path shot(String size, String name) {
        return Path.of("target", "display-screens", "display-" + size + "-" + name + ".png");
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private String attribute(String id, String name) {
        return browser.findElement(By.id(id)).getAttribute(name);
    }

    private static List<Integer> ints(Object list) {
        List<Integer> out = new ArrayList<>();
        for (Object o : (List<?>) list) {
            out.add(((Number) o).intValue());
        }
        return out;
    }

    /** The bars' width animates for 0.6 s after the numbers change; the fonts load. */
    private void settle() {
        wait.until(d -> (Boolean) ((ChromeDriver) d).executeScript(
                "return document.getAnimations().length === 0 && document.fonts.status === 'loaded'"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> pageSeen() {
        return (Map<String, Object>) browser.executeScript("""
                var shown = function (e) { return e.getClientRects().length > 0; };
                var rows = [], lines = [];
                document.querySelectorAll('#results-rows tr').forEach(function (e) {
                  if (shown(e)) { rows.push(+e.getAttribute('data-leader')); } });
                document.querySelectorAll('#chart .chart-row').forEach(function (e) {
                  if (shown(e)) { lines.push(+e.getAttribute('data-leader')); } });
                var p = document.getElementById('page');
                return {page: p.getAttribute('data-page'), label: p.textContent, rows: rows, lines: lines};
                """);
    }

    /**
     * Everything on screen fits it, in one script (so the page does not turn half-way): the
     * problems found, listed, or none.
     */
    @SuppressWarnings("unchecked")
    private void assertFits(String where) {
        List<String> problems = (List<String>) browser.executeScript("""
                var out = [];
                var w = window.innerWidth, h = window.innerHeight, de = document.documentElement;
                if (de.scrollWidth !== w || de.scrollHeight !== h) {
                  out.push('document ' + de.scrollWidth + 'x' + de.scrollHeight + ' in a viewport of ' + w + 'x' + h);
                }
                var name = function (e) {
                  return e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '')
                      + ' "' + (e.textContent || '').trim().slice(0, 40) + '"';
                };
                var shown = function (e) { return e.getClientRects().length > 0; };
                document.querySelectorAll('body *').forEach(function (e) {
                  if (!shown(e) || e.tagName === 'SCRIPT') { return; }
                  var r = e.getBoundingClientRect();
                  if (r.left < -0.5 || r.top < -0.5 || r.right > w + 0.5 || r.bottom > h + 0.5) {
                    out.push(name(e) + ' outside the screen: ' + [r.left, r.top, r.right, r.bottom].map(Math.round));
                  }
                  // Text cut or spilling: a box whose content is wider than the box.
                  var display = getComputedStyle(e).display;
                  if (display !== 'inline' && e.clientWidth > 0 && e.scrollWidth > e.clientWidth + 0.5) {
                    out.push(name(e) + ' overflows: ' + e.scrollWidth + ' > ' + e.clientWidth);
                  }
                });
                // No row of results under the footer or past the bottom of its area (overflow hidden).
                var pages = document.getElementById('pages');
                if (pages && shown(pages)) {
                  var bottom = pages.getBoundingClientRect().bottom;
                  var foot = document.querySelector('footer').getBoundingClientRect().top;
                  if (bottom > foot + 0.5) { out.push('the results (to ' + bottom + ') run under the footer (' + foot + ')'); }
                  document.querySelectorAll('#results-rows tr, #chart .chart-row').forEach(function (e) {
                    if (shown(e) && e.getBoundingClientRect().bottom > bottom + 0.5) {
                      out.push(name(e) + ' cut at the bottom: ' + e.getBoundingClientRect().bottom + ' > ' + bottom);
                    }
                  });
                }
                return out;
                """);
        assertEquals(List.of(), problems, where);
    }
}
