package vn.tinnhiem.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.config.RosterFields;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.sandbox.Sandbox;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.telegram.TelegramPlatform;
import vn.tinnhiem.testing.Votes;

class ChatFlowTest {
    private VoteDefinition vote;
    private InMemoryVoteStore store;
    private ChatFlow flow;
    private int pressSeq;

    @BeforeEach
    void setUp() {
        vote = Votes.builder("v1").participants(5)
                .participant(new Person("p06", "Phạm Thị Dung", RosterFields.identities(null, null, "0912345678", null)))
                .build();
        store = new InMemoryVoteStore();
        flow = new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(),
                Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC), List.of(TelegramPlatform.PLATFORM));
    }

    private static Account tg(long id) {
        return new Account(TelegramPlatform.PLATFORM, Long.toString(id), null, null, "vi");
    }

    private static Account participant(int i) {
        return tg(Votes.participantTelegramId(i));
    }

    private static final Account ORGANISER = tg(Votes.ORGANISER_ID);
    private static final Account SUPERVISOR = tg(Votes.SUPERVISOR_ID);

    private List<Reply> press(Account who, String data) {
        return flow.handle(new Inbound.Press(who, "m1", data, "q" + (++pressSeq)));
    }

    private static Optional<Reply.Edit> edit(List<Reply> replies) {
        return replies.stream().filter(Reply.Edit.class::isInstance).map(Reply.Edit.class::cast).findFirst();
    }

    private void vote(Account who, Choice... choices) {
        for (int k = 0; k < choices.length; k++) {
            press(who, CallbackData.rate("v1", k, choices[k]));
        }
        press(who, CallbackData.finish("v1"));
        List<Reply> r = press(who, CallbackData.submit("v1"));
        assertTrue(edit(r).orElseThrow().text().contains("Mã biên nhận"), r.toString());
    }

    @Test
    void statusMarksStaffRecognisedByUsernameOnly() throws Exception {
        // In the example, supervisor sup2 has only a telegramUsername; org2 has an id besides.
        VoteDefinition example = vn.tinnhiem.config.DefinitionLoader.load(
                java.nio.file.Path.of("config", "example-vote.json")).get(0);
        ChatFlow f = new ChatFlow(new VoteRegistry(List.of(example)), new InMemoryVoteStore(), new Codes(),
                Clock.systemUTC(), List.of(TelegramPlatform.PLATFORM));
        Account org1 = tg(RosterFields.telegramId(example.organisers().get(0)));
        String status = ((Reply.Send) f.handle(new Inbound.Command(org1, "status", List.of())).get(0)).text();
        String marked = Messages.of(Messages.VIETNAMESE).get("status.staff.usernameonly", 1, "Lê Thị Hải Yến");
        assertTrue(status.lines().anyMatch(marked::equals), status);
        // The check can fail: with every staff member known by id, nothing is marked.
        String clean = ((Reply.Send) flow.handle(new Inbound.Command(ORGANISER, "status", List.of())).get(0)).text();
        assertFalse(clean.contains("⚠️ Chỉ nhận diện"), clean);
    }

    @Test
    void statusNamesStaffWhoHaveNeverWrittenToTheBot() {
        String before = ((Reply.Send) flow.handle(new Inbound.Command(ORGANISER, "status", List.of())).get(0)).text();
        assertTrue(before.contains("Chưa nhắn tin cho bot (1): Giám sát"), before);
        flow.handle(new Inbound.Text(SUPERVISOR, "xin chào"));
        String after = ((Reply.Send) flow.handle(new Inbound.Command(ORGANISER, "status", List.of())).get(0)).text();
        assertFalse(after.contains("Chưa nhắn tin cho bot"), after);
        assertEquals(Map.of("org1", ORGANISER.key(), "sup1", SUPERVISOR.key()), store.staffAccounts("v1"));

        // The sandbox shows every chat, so nobody there has to write first.
        ChatFlow sandbox = new ChatFlow(new VoteRegistry(List.of(vote)), new InMemoryVoteStore(), new Codes(),
                Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC), List.of(Sandbox.PLATFORM));
        Account organiser = new Account(Sandbox.PLATFORM, Long.toString(Votes.ORGANISER_ID), null, null, "vi");
        String inSandbox = ((Reply.Send) sandbox.handle(new Inbound.Command(organiser, "status", List.of())).get(0))
                .text();
        assertTrue(inSandbox.contains("Số người được triệu tập"), inSandbox);
        assertFalse(inSandbox.contains("Chưa nhắn tin cho bot"), inSandbox);
    }

    @Test
    void aStaffAccountIsWrittenToTheStoreOncePerProcessNotOnEveryUpdate() {
        AtomicInteger staffWrites = new AtomicInteger();
        VoteStore counting = (VoteStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {VoteStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("rememberStaff")) {
                        staffWrites.incrementAndGet();
                    }
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        ChatFlow f = new ChatFlow(new VoteRegistry(List.of(vote)), counting, new Codes(),
                Clock.fixed(Instant.parse("2026-11-28T03:00:00Z"), ZoneOffset.UTC),
                List.of(TelegramPlatform.PLATFORM, Sandbox.PLATFORM));
        for (int i = 0; i < 5; i++) {
            f.handle(new Inbound.Command(ORGANISER, "status", List.of()));
        }
        assertEquals(1, staffWrites.get());
        Account elsewhere = new Account(Sandbox.PLATFORM, Long.toString(Votes.ORGANISER_ID), null, null, "vi");
        f.handle(new Inbound.Command(elsewhere, "help", List.of()));
        f.handle(new Inbound.Command(elsewhere, "help", List.of()));
        assertEquals(2, staffWrites.get(), "the organiser writing from another account is remembered once");
        assertEquals(elsewhere.key(), store.staffAccounts("v1").get("org1"));
    }

    @Test
    void everyPressIsAnsweredFirst() {
        flow.handle(new Inbound.Start(participant(1), null));
        List<Reply> r = press(participant(1), CallbackData.rate("v1", 0, Choice.HIGH));
        assertInstanceOf(Reply.Answer.class, r.get(0));
        assertTrue(((Reply.Answer) r.get(0)).text().contains("chưa bắt đầu"));
    }

    @Test
    void fullVoteAnnouncesExactFigures() {
        for (int i = 1; i <= 5; i++) {
            flow.handle(new Inbound.Start(participant(i), null));
        }
        List<Reply> contact = flow.handle(new Inbound.ContactShared(tg(999), "+84 912 345 678", true));
        assertTrue(contact.get(0).toString().contains("Phạm Thị Dung"));
        List<Reply> opened = flow.handle(new Inbound.Command(ORGANISER, "open", List.of()));
        long ballots = opened.stream().filter(r -> r instanceof Reply.Send s && s.text().contains("1/3")).count();
        assertEquals(6, ballots, "every checked-in participant gets a ballot");

        vote(participant(1), Choice.HIGH, Choice.LOW, Choice.LOW);
        vote(participant(2), Choice.HIGH, Choice.LOW, Choice.LOW);
        vote(participant(3), Choice.MEDIUM, Choice.LOW, Choice.BLANK);
        vote(participant(4), Choice.HIGH, Choice.LOW, Choice.MEDIUM);
        vote(tg(999), Choice.LOW, Choice.MEDIUM, Choice.LOW);

        List<Reply> status = flow.handle(new Inbound.Command(SUPERVISOR, "status", List.of()));
        assertTrue(status.get(0).toString().contains("Đã gửi phiếu: 5"), status.toString());
        assertTrue(status.get(0).toString().contains("Chưa gửi phiếu (1): Người 5"), status.toString());

        // One ballot is outstanding: /close asks first, and the organiser confirms with the button.
        List<Reply> asked = flow.handle(new Inbound.Command(ORGANISER, "close", List.of()));
        assertTrue(((Reply.Send) asked.get(0)).text().contains("Còn 1/6 người chưa gửi phiếu"), asked.toString());
        assertEquals(VoteState.OPEN, store.state("v1"));
        List<Reply> closed = press(ORGANISER, CallbackData.forceClose("v1"));
        String announcement = closed.stream().filter(Reply.Send.class::isInstance).map(r -> ((Reply.Send) r).text())
                .filter(t -> t.startsWith("📊")).findFirst().orElseThrow();
        // 5 returned: director 3 HIGH = 60%, 1 MEDIUM = 20%, 1 LOW = 20%
        assertTrue(announcement.contains("Tín nhiệm cao: 3 (60,00%)"), announcement);
        // deputy1 4 LOW of 5 = 80%: two thirds or more
        assertTrue(announcement.contains("Tín nhiệm thấp: 4 (80,00%)"), announcement);
        assertTrue(announcement.contains("Thuộc trường hợp có từ 2/3 trở lên"), announcement);
        // deputy2 3 LOW of 5 = 60% (over half, under two thirds), 1 blank
        assertTrue(announcement.contains("Tín nhiệm thấp: 3 (60,00%)"), announcement);
        assertTrue(announcement.contains("không hợp lệ (bỏ trống): 1"), announcement);
        assertTrue(announcement.contains("Thuộc trường hợp có trên 1/2 đến dưới 2/3"), announcement);
        assertEquals(VoteState.CLOSED, store.state("v1"));
        assertEquals(0, store.draftCount());
    }

    @Test
    void secondSubmitShowsSameReceiptAndCountsOnce() {
        for (int i = 1; i <= 5; i++) {
            flow.handle(new Inbound.Start(participant(i), null));
        }
        flow.handle(new Inbound.Command(ORGANISER, "open", List.of()));
        vote(participant(1), Choice.HIGH, Choice.HIGH, Choice.HIGH);
        String receipt = store.receipts("v1").get(0);
        // The same press again, e.g. redelivered after a crash that came before the confirmation went out.
        List<Reply> again = press(participant(1), CallbackData.submit("v1"));
        assertTrue(((Reply.Answer) again.get(0)).text().contains("đã gửi"));
        String confirmation = edit(again).orElseThrow(() -> new AssertionError("no confirmation: " + again)).text();
        assertTrue(confirmation.contains("Mã biên nhận: " + receipt), confirmation);
        assertEquals(1, store.voters("v1").size());
        assertEquals(List.of(receipt), store.receipts("v1"));
        // /start again after voting shows the receipt too.
        List<Reply> start = flow.handle(new Inbound.Start(participant(1), null));
        assertTrue(start.toString().contains("Mã biên nhận của đồng chí: " + receipt), start.toString());
    }

    @Test
    void openBelowQuorumNeedsConfirmation() {
        flow.handle(new Inbound.Start(participant(1), null));
        List<Reply> r = flow.handle(new Inbound.Command(ORGANISER, "open", List.of()));
        assertTrue(r.get(0).toString().contains("1/6"), r.toString());
        assertEquals(VoteState.DRAFT, store.state("v1"));
        press(ORGANISER, CallbackData.forceOpen("v1"));
        assertEquals(VoteState.OPEN, store.state("v1"));
    }

    @Test
    void participantCannotClose() {
        flow.handle(new Inbound.Start(participant(1), null));
        List<Reply> r = flow.handle(new Inbound.Command(participant(1), "close", List.of("force")));
        assertTrue(r.get(0).toString().contains("không có quyền"));
        assertFalse(store.state("v1") == VoteState.CLOSED);
    }

    @Test
    void strangerIsPolitelyRefused() {
        List<Reply> r = flow.handle(new Inbound.Start(tg(42), null));
        assertInstanceOf(Keyboard.ContactRequest.class, ((Reply.Send) r.get(0)).keyboard());
        List<Reply> c = flow.handle(new Inbound.ContactShared(tg(42), "0900000000", true));
        assertTrue(c.get(0).toString().contains("chưa tìm thấy đồng chí trong danh sách"));
        assertTrue(store.checkedIn("v1").isEmpty());
    }

    @Test
    void aDefinitionChangedAfterOpenIsRefused() {
        for (int i = 1; i <= 5; i++) {
            flow.handle(new Inbound.Start(participant(i), null));
        }
        flow.handle(new Inbound.Command(ORGANISER, "open", List.of()));
        VoteDefinition changed = Votes.builder("v1").participants(6).build();
        ChatFlow.DefinitionChanged e = org.junit.jupiter.api.Assertions.assertThrows(ChatFlow.DefinitionChanged.class,
                () -> new ChatFlow(new VoteRegistry(List.of(changed)), store, new Codes(), Clock.systemUTC(),
                        List.of(TelegramPlatform.PLATFORM)));
        assertTrue(e.getMessage().contains("frozen"), e.getMessage());
        // What changed is said, read from the copy /open kept.
        assertTrue(e.getMessage().contains("the file changed since /open: the roster changed"), e.getMessage());
        VoteDefinition renamed = Votes.builder("v1").participants(5)
                .participant(new Person("p06", "Phạm Thị Dung", RosterFields.identities(null, null, "0912345678", null)))
                .leaders(
                new vn.tinnhiem.core.Leader("director", "Nguyễn Văn An", "Cục trưởng"),
                new vn.tinnhiem.core.Leader("deputy1", "Trần Thị Bình Minh", "Phó Cục trưởng"),
                new vn.tinnhiem.core.Leader("deputy2", "Lê Văn Cường", "Phó Cục trưởng")).build();
        ChatFlow.DefinitionChanged r = org.junit.jupiter.api.Assertions.assertThrows(ChatFlow.DefinitionChanged.class,
                () -> new ChatFlow(new VoteRegistry(List.of(renamed)), store, new Codes(), Clock.systemUTC(),
                        List.of(TelegramPlatform.PLATFORM)));
        assertTrue(r.getMessage().contains("leader 2 renamed from «Trần Thị Bình» to «Trần Thị Bình Minh»"),
                r.getMessage());
        // The same definition restarts fine.
        new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(), Clock.systemUTC(), List.of(TelegramPlatform.PLATFORM));
    }

    @Test
    void theDeadlineClosesTheVoteAndAnnouncesTheResults() {
        Instant deadline = Instant.parse("2026-11-28T10:00:00Z");
        VoteDefinition timed = Votes.builder("v1").participants(3).deadline(deadline).build();
        InMemoryVoteStore timedStore = new InMemoryVoteStore();
        java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(
                deadline.minusSeconds(60));
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        ChatFlow timedFlow = new ChatFlow(new VoteRegistry(List.of(timed)), timedStore, new Codes(), clock,
                List.of(TelegramPlatform.PLATFORM));
        for (int i = 1; i <= 3; i++) {
            timedFlow.handle(new Inbound.Start(participant(i), null));
        }
        timedFlow.handle(new Inbound.Command(ORGANISER, "open", List.of()));
        assertTrue(timedFlow.tick().isEmpty(), "closed before the deadline");
        assertEquals(VoteState.OPEN, timedStore.state("v1"));

        now.set(deadline);
        List<Reply> announced = timedFlow.tick();
        assertEquals(VoteState.CLOSED, timedStore.state("v1"));
        assertTrue(announced.stream().anyMatch(r -> r.to().equals("tg:" + Votes.SUPERVISOR_ID)
                && ((Reply.Send) r).text().contains("KẾT QUẢ")), announced.toString());
        assertTrue(timedStore.auditLog("v1").stream().anyMatch(e -> e.event().equals("closed")
                && e.detail().equals("by=deadline")));
        assertTrue(timedFlow.tick().isEmpty(), "a closed vote is announced once");
    }

    @Test
    void broadcastsSpeakEachReadersLanguage() {
        Account english = new Account(TelegramPlatform.PLATFORM, Long.toString(Votes.participantTelegramId(1)), null, null,
                "en-GB");
        flow.handle(new Inbound.Start(english, null));
        for (int i = 2; i <= 5; i++) {
            flow.handle(new Inbound.Start(participant(i), null));
        }
        Account englishSupervisor = new Account(TelegramPlatform.PLATFORM, Long.toString(Votes.SUPERVISOR_ID), null, null,
                "en");
        flow.handle(new Inbound.Command(englishSupervisor, "help", List.of()));
        List<Reply> opened = flow.handle(new Inbound.Command(ORGANISER, "open", List.of()));
        assertTrue(opened.stream().anyMatch(r -> r.to().equals(english.key())
                && ((Reply.Send) r).text().contains("Leader 1 of 3")), opened.toString());
        assertTrue(opened.stream().anyMatch(r -> r.to().equals(participant(2).key())
                && ((Reply.Send) r).text().contains("Người được lấy phiếu 1/3")), opened.toString());
        List<Reply> closed = flow.handle(new Inbound.Command(ORGANISER, "close", List.of("force")));
        assertTrue(closed.stream().anyMatch(r -> r.to().equals(englishSupervisor.key())
                && ((Reply.Send) r).text().contains("CONFIDENCE VOTE RESULTS")), closed.toString());
        assertTrue(closed.stream().anyMatch(r -> r.to().equals(ORGANISER.key())
                && ((Reply.Send) r).text().contains("KẾT QUẢ")), closed.toString());
    }
}
