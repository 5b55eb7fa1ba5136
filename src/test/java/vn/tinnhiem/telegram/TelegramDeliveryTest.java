package vn.tinnhiem.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import vn.tinnhiem.config.RosterFields;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.chat.CallbackData;
import vn.tinnhiem.core.chat.Messages;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.store.InMemoryVoteStore;
import vn.tinnhiem.testing.Votes;

/** Delivery guarantees through the real client: 429, duplicates, crashes, forged contacts. */
class TelegramDeliveryTest {
    private static final Messages VI = Messages.of(Messages.VIETNAMESE).addressing("đồng chí"); // QĐ 96 votes say "đồng chí"
    private static final long P1 = Votes.participantTelegramId(1);
    private static final Updates.TgUser PARTICIPANT = Updates.user(P1);
    private static final Updates.TgUser ORGANISER = Updates.user(Votes.ORGANISER_ID);

    @Test
    void tooManyRequestsWaitsRetryAfterThenSucceeds() throws Exception {
        try (BotHarness h = new BotHarness(Votes.reference("v1", 1))) {
            h.api.refuseNext("sendMessage", 1, 429, "Too Many Requests: retry after 1", 1);
            h.api.push(Updates.start(PARTICIPANT, null));
            // Before the vote opens, /start sends one message: the welcome, which says the ballot
            // comes later. Its first try is refused (the fake records refused calls too); wait for
            // the retry.
            h.api.await("the welcome retried", a -> a.calls("sendmessage").size() >= 2, BotHarness.WAIT);
            List<FakeBotApi.Call> tries = h.api.calls("sendmessage");
            assertEquals(2, tries.size(), "one refused try, then the welcome");
            assertEquals(tries.get(0).param("text"), tries.get(1).param("text"), "the refused message is retried first");
            long waited = tries.get(1).atNanos() - tries.get(0).atNanos();
            assertTrue(waited >= Duration.ofMillis(990).toNanos(), "waited only " + waited / 1_000_000 + " ms");
            assertTrue(h.api.chat(P1).get(0).text().contains("Người 1"));
            assertEquals(1, h.api.chat(P1).size());
        }
    }

    @Test
    void aMessageToldToWaitMoreTimesThanTheAttemptsForFailuresIsStillDelivered() throws Exception {
        // A hall checking in at once can be told to wait again and again; the welcome must not be
        // dropped after a few 429s as if Telegram had failed (it was, before: 5 tries, then nothing).
        try (BotHarness h = new BotHarness(Votes.reference("v1", 1))) {
            int refusals = Pacing.fast().maxAttempts() + 1;
            h.api.refuseNext("sendMessage", refusals, 429, "Too Many Requests: retry after 1", 1);
            h.api.push(Updates.start(PARTICIPANT, null));
            h.api.await("the welcome delivered", a -> !a.chat(P1).isEmpty(), Duration.ofSeconds(30));
            assertEquals(refusals + 1, h.api.calls("sendmessage").size(), "every 429 waited out, then delivered");
            assertTrue(h.api.chat(P1).get(0).text().contains("Người 1"));
        }
    }

    @Test
    void sameUpdateDeliveredTwiceCountsOnce() throws Exception {
        try (BotHarness h = new BotHarness(Votes.reference("v1", 1))) {
            FakeBotApi.Shown summary = openAndFillBallot(h);
            ObjectNode submit = Updates.press(PARTICIPANT, summary.messageId(), CallbackData.submit("v1"));
            h.api.push(submit);
            h.api.pushAgain(submit);
            // Answers and other chats' messages leave on different sender threads: wait for the
            // answer itself, then for a later update, so the duplicate is surely behind us.
            h.api.await("the submit to be answered", a -> a.calls("answercallbackquery").stream()
                    .anyMatch(c -> Updates.pressId(submit).equals(c.param("callback_query_id"))), BotHarness.WAIT);
            h.say(Updates.start(Updates.user(Votes.participantTelegramId(2)), null),
                    Votes.participantTelegramId(2));
            assertEquals(1, h.api.calls("answercallbackquery").stream()
                    .filter(c -> Updates.pressId(submit).equals(c.param("callback_query_id"))).count());
            assertEquals(1, h.store.voters("v1").size());
            assertEquals(1, h.store.receipts("v1").size());
        }
    }

    @Test
    void crashBeforeTheOffsetIsSavedRedeliversTheUpdateAndItCountsOnce() throws Exception {
        // The crash is pinned to the submit's own offset: the previous press's save may still be
        // under way when the submit is pushed, and it must not be the one that "crashes".
        AtomicLong crashWhenSaving = new AtomicLong(-1);
        UpdateOffsets.InMemory saved = new UpdateOffsets.InMemory();
        UpdateOffsets crashing = new UpdateOffsets() {
            @Override
            public long load() {
                return saved.load();
            }

            @Override
            public void save(long next) {
                if (crashWhenSaving.compareAndSet(next, -1)) {
                    throw new IllegalStateException("simulated kill -9 before the offset was saved");
                }
                saved.save(next);
            }
        };
        try (BotHarness h = new BotHarness(Votes.reference("v1", 1), new InMemoryVoteStore(), crashing, null)) {
            FakeBotApi.Shown summary = openAndFillBallot(h);
            ObjectNode submit = Updates.press(PARTICIPANT, summary.messageId(), CallbackData.submit("v1"));
            int id;
            synchronized (h.api) { // the id is known before the poller can fetch the update
                id = h.api.push(submit);
                crashWhenSaving.set(id + 1);
            }
            h.api.await("the redelivered submit to be answered too", a -> a.calls("answercallbackquery").stream()
                    .filter(c -> Updates.pressId(submit).equals(c.param("callback_query_id"))).count() == 2,
                    BotHarness.WAIT);
            h.api.await("the offset to move past it", a -> saved.load() == id + 1, BotHarness.WAIT);
            assertEquals(1, h.store.voters("v1").size());
            assertEquals(1, h.store.receipts("v1").size());
            String receipt = h.store.receipts("v1").get(0);
            assertTrue(h.api.message(P1, summary.messageId()).text().contains(receipt), "the same receipt is shown");
        }
    }

    @Test
    void forgedContactChecksNobodyIn() throws Exception {
        var vote = Votes.builder("v1").participants(1)
                .participant(new Person("p02", "Phạm Thị Dung", RosterFields.identities(null, null, "0912345678", null)))
                .build();
        try (BotHarness h = new BotHarness(vote)) {
            Updates.TgUser impostor = Updates.user(555_000_001L);
            h.say(Updates.contact(impostor, "+84912345678", 555_000_002L), impostor.id());
            assertEquals(VI.get("checkin.contact.notown"), h.last(impostor.id()));
            h.say(Updates.contact(impostor, "+84912345678", null), impostor.id());
            assertEquals(VI.get("checkin.contact.notown"), h.last(impostor.id()));
            assertTrue(h.store.checkedIn("v1").isEmpty());
            h.say(Updates.contact(impostor, "+84912345678", impostor.id()), impostor.id());
            assertEquals(1, h.store.checkedIn("v1").size(), "their own contact does check them in");
        }
    }

    @Test
    void groupsEditsAndUnknownUpdatesAreIgnoredAndTheBotCarriesOn() throws Exception {
        try (BotHarness h = new BotHarness(Votes.reference("v1", 1))) {
            h.api.push(Updates.groupText(PARTICIPANT, -100_123L, "/start"));
            h.api.push(Updates.edited(PARTICIPANT, "/close"));
            h.api.push(Updates.unknownKind());
            h.api.push(Updates.text(PARTICIPANT, "x".repeat(5000)));
            h.say(Updates.start(PARTICIPANT, null), P1);
            // /start before the vote opens says one thing: welcome, your ballot comes later.
            h.awaitText(P1, "Phiếu sẽ được gửi tới đồng chí");
            assertEquals(1, h.api.sentTo(P1).size(), "only the /start was answered: " + h.api.sentTo(P1));
            assertTrue(h.api.sentTo(P1).get(0).contains("Xin chào"), h.api.sentTo(P1).toString());
            assertTrue(h.api.sentTo(-100_123L).isEmpty());
        }
    }

    /** Opens the vote with the participant checked in and fills the ballot to the summary. */
    private static FakeBotApi.Shown openAndFillBallot(BotHarness h) {
        h.say(Updates.start(PARTICIPANT, null), P1);
        h.say(Updates.command(ORGANISER, "open"), Votes.ORGANISER_ID);
        h.api.await("a ballot", a -> a.latestWithButtons(P1) != null, BotHarness.WAIT);
        for (int k = 0; k < 3; k++) {
            h.press(PARTICIPANT, VI.get("choice." + Choice.values()[k].name().toLowerCase()), true);
        }
        h.press(PARTICIPANT, VI.get("ballot.button.submit"), true); // to the confirmation screen
        return h.api.latestWithButtons(P1);
    }
}
