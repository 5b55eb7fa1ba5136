package vn.tinnhiem.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.export.ResultFilesExport;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.telegram.TelegramPlatform;
import vn.tinnhiem.testing.FlowDriver;
import vn.tinnhiem.testing.Votes;

/** At close, organisers and supervisors get the results as files after the text; participants do not. */
class ResultFilesInChatTest {
    private static final List<String> NAMES = List.of("ket-qua-v1.pdf", "ket-qua-v1.xlsx", "ket-qua-v1.csv", "ket-qua-v1.png");
    private static final Account ORGANISER = tg(Votes.ORGANISER_ID, "vi");
    private static final Account SUPERVISOR = tg(Votes.SUPERVISOR_ID, "en");

    private final List<Locale> rendered = new ArrayList<>();
    private InMemoryVoteStore store;
    private ChatFlow flow;
    private int pressSeq;

    @BeforeEach
    void setUp() {
        VoteDefinition vote = Votes.reference("v1", 3);
        store = new InMemoryVoteStore();
        ResultFiles real = new ResultFilesExport();
        ResultFiles counting = (results, receipts, audit, language, at) -> {
            rendered.add(language);
            return real.files(results, receipts, audit, language, at);
        };
        flow = new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(),
                Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC), List.of(TelegramPlatform.PLATFORM),
                counting);
    }

    private static Account tg(long id, String language) {
        return new Account(TelegramPlatform.PLATFORM, Long.toString(id), null, null, language);
    }

    private void openAndVote() {
        for (int i = 1; i <= 3; i++) {
            flow.handle(new Inbound.Start(tg(Votes.participantTelegramId(i), "vi"), null));
        }
        flow.handle(new Inbound.Start(SUPERVISOR, null));
        flow.handle(new Inbound.Command(ORGANISER, "open", List.of()));
        for (int i = 1; i <= 2; i++) {
            Account p = tg(Votes.participantTelegramId(i), "vi");
            for (int k = 0; k < 3; k++) {
                press(p, CallbackData.rate("v1", k, Choice.HIGH));
            }
            press(p, CallbackData.finish("v1"));
            press(p, CallbackData.submit("v1"));
        }
    }

    private void press(Account who, String data) {
        flow.handle(new Inbound.Press(who, "m1", data, "q" + (++pressSeq)));
    }

    private static List<Reply.Document> documents(List<Reply> replies, Account to) {
        return replies.stream().filter(r -> r instanceof Reply.Document && r.to().equals(to.key()))
                .map(Reply.Document.class::cast).toList();
    }

    @Test
    void staffGetTheMinutesSpreadsheetsAndChartAfterTheAnnouncementParticipantsDoNot() {
        openAndVote();
        List<Reply> closed = flow.handle(new Inbound.Command(ORGANISER, "close", List.of("force")));

        for (Account staff : List.of(ORGANISER, SUPERVISOR)) {
            List<Reply.Document> docs = documents(closed, staff);
            assertEquals(NAMES, docs.stream().map(Reply.Document::fileName).toList(), closed.toString());
            assertEquals(List.of("application/pdf", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    "text/csv; charset=utf-8", "image/png"),
                    docs.stream().map(Reply.Document::mediaType).toList());
            assertTrue(new String(docs.get(0).content(), 0, 4).equals("%PDF"));
            List<Reply> theirs = closed.stream().filter(r -> r.to().equals(staff.key())).toList();
            assertTrue(theirs.get(0) instanceof Reply.Send, "the text comes first: " + theirs);
            assertTrue(theirs.get(theirs.size() - 1) instanceof Reply.Document);
        }
        for (int i = 1; i <= 3; i++) {
            Account p = tg(Votes.participantTelegramId(i), "vi");
            assertTrue(closed.stream().anyMatch(r -> r instanceof Reply.Send && r.to().equals(p.key())),
                    "participants still get the text");
            assertTrue(documents(closed, p).isEmpty(), "participants get no files");
        }
    }

    @Test
    void filesAreRenderedOncePerLanguageNotPerRecipient() {
        openAndVote();
        flow.handle(new Inbound.Command(ORGANISER, "close", List.of("force")));
        assertEquals(2, rendered.size(), rendered.toString());
        assertTrue(rendered.containsAll(List.of(Messages.VIETNAMESE, Messages.ENGLISH)), rendered.toString());
    }

    @Test
    void resultsAfterCloseAttachTheFilesForStaffOnly() {
        openAndVote();
        flow.handle(new Inbound.Command(ORGANISER, "close", List.of("force")));

        List<Reply> forSupervisor = flow.handle(new Inbound.Command(SUPERVISOR, "results", List.of()));
        assertEquals(NAMES, documents(forSupervisor, SUPERVISOR).stream().map(Reply.Document::fileName).toList());
        assertTrue(forSupervisor.get(0) instanceof Reply.Send);

        Account participant = tg(Votes.participantTelegramId(1), "vi");
        List<Reply> forParticipant = flow.handle(new Inbound.Command(participant, "results", List.of()));
        assertTrue(forParticipant.stream().anyMatch(Reply.Send.class::isInstance), forParticipant.toString());
        assertTrue(documents(forParticipant, participant).isEmpty());
    }

    @Test
    void noFilesBeforeClose() {
        openAndVote();
        List<Reply> r = flow.handle(new Inbound.Command(SUPERVISOR, "results", List.of()));
        assertTrue(r.stream().noneMatch(Reply.Document.class::isInstance), r.toString());
        assertTrue(rendered.isEmpty());
    }

    @Test
    void closeAndTickAtOnceAnnounceOnce() throws Exception {
        java.util.concurrent.CountDownLatch rendering = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        VoteDefinition vote = Votes.reference("v1", 3);
        ResultFiles slow = (results, receipts, audit, language, at) -> {
            rendering.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(new ResultFiles.File("ket-qua-v1.pdf", "application/pdf", new byte[] {1}));
        };
        flow = new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(), Clock.systemUTC(),
                List.of(TelegramPlatform.PLATFORM), slow);
        openAndVote();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var closing = pool.submit(() -> flow.handle(new Inbound.Command(ORGANISER, "close", List.of("force"))));
            rendering.await();
            var ticking = pool.submit(flow::tick);
            Thread.sleep(200); // the tick either waits for the close or has already returned
            release.countDown();
            List<Reply> all = new ArrayList<>(closing.get());
            all.addAll(ticking.get());
            assertEquals(1, documents(all, ORGANISER).size(), all.toString());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void documentToStringNamesTheFileNeverTheBytes() {
        Reply.Document d = new Reply.Document("tg:1", "ket-qua-v1.csv", "text/csv", "SECRET".getBytes(), null);
        assertTrue(d.toString().contains("ket-qua-v1.csv") && !d.toString().contains("SECRET"), d.toString());
        assertEquals(d, new Reply.Document("tg:1", "ket-qua-v1.csv", "text/csv", "SECRET".getBytes(), null));
    }

    @Test
    void theChartComesAsAPhotoRightAfterTheAnnouncementToEveryoneAnnouncedTo() {
        FlowDriver d = new FlowDriver(Votes.reference("v2", 2), new InMemoryVoteStore(), new ResultFilesExport());
        Account english = FlowDriver.participant(2, "en");
        d.start(FlowDriver.participant(1, "vi"));
        d.start(english);
        d.command(FlowDriver.ORGANISER, "open");
        d.voteThrough(english, List.of(Choice.HIGH, Choice.LOW, Choice.BLANK));

        List<Reply> closed = d.command(FlowDriver.ORGANISER, "close force");

        for (Account to : List.of(FlowDriver.ORGANISER, FlowDriver.participant(1, "vi"), english)) {
            // Leaving aside the edit that retires an unsubmitted ballot copy at close.
            List<Reply> theirs = closed.stream().filter(r -> r.to().equals(to.key()))
                    .filter(r -> !(r instanceof Reply.Edit)).toList();
            assertTrue(theirs.get(0) instanceof Reply.Send, "the announcement text first: " + theirs);
            Reply.Photo photo = (Reply.Photo) theirs.get(1);
            assertEquals("image/png", photo.image().mediaType());
            assertEquals("ket-qua-v2.png", photo.image().name());
            assertEquals(1, theirs.stream().filter(Reply.Photo.class::isInstance).count());
        }
        Reply.Photo vi = (Reply.Photo) closed.stream().filter(r -> r instanceof Reply.Photo
                && r.to().equals(FlowDriver.ORGANISER.key())).findFirst().orElseThrow();
        Reply.Photo en = (Reply.Photo) closed.stream().filter(r -> r instanceof Reply.Photo
                && r.to().equals(english.key())).findFirst().orElseThrow();
        assertEquals("📊 Biểu đồ kết quả: Lấy phiếu tín nhiệm v2", vi.caption());
        assertEquals("📊 Results chart: Lấy phiếu tín nhiệm v2", en.caption());
        assertFalse(java.util.Arrays.equals(vi.image().content(), en.image().content()), "drawn in each language");
    }
}
