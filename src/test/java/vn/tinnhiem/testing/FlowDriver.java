package vn.tinnhiem.testing;

import vn.tinnhiem.telegram.TelegramPlatform;
import vn.tinnhiem.zalo.ZaloPlatform;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.core.chat.Account;
import vn.tinnhiem.core.chat.CallbackData;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.core.chat.Codes;
import vn.tinnhiem.core.chat.Inbound;
import vn.tinnhiem.core.chat.Platform;
import vn.tinnhiem.core.chat.Reply;
import vn.tinnhiem.core.chat.ResultFiles;
import vn.tinnhiem.core.chat.VoteRegistry;
import vn.tinnhiem.ops.Telemetry;
import vn.tinnhiem.ops.UpdateSpan;

/**
 * Drives a {@link ChatFlow} as an adapter would, for one vote on Telegram-like accounts, and
 * keeps every {@link Reply} the bot said, including the "try again" replies of
 * {@link ChatFlow.Unavailable}: tests scan them (secrecy) and read receipts from them.
 */
public final class FlowDriver {
    private static final Pattern RECEIPT = Pattern.compile("[2-9A-Z]{5}-[2-9A-Z]{5}");

    public final VoteDefinition vote;
    public final ChatFlow flow;
    private final List<Reply> sent = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong seq = new AtomicLong();
    /** Account → the id of the latest message with buttons the bot sent it, as a chat would show. */
    private final java.util.Map<String, String> latestWithButtons = new java.util.concurrent.ConcurrentHashMap<>();
    private final Telemetry telemetry;
    private final java.util.concurrent.atomic.AtomicInteger updates = new java.util.concurrent.atomic.AtomicInteger();

    public FlowDriver(VoteDefinition vote, VoteStore store) {
        this(vote, store, ResultFiles.NONE);
    }

    /** With the results files that staff receive after the announcement. */
    public FlowDriver(VoteDefinition vote, VoteStore store, ResultFiles files) {
        this(vote, store, files, Telemetry.NONE);
    }

    /**
     * Reporting each update to {@code telemetry} as the adapters do (a span around the handling:
     * the per-update log line); give it a store wrapped in {@code ObservedStore} for outcomes.
     */
    public FlowDriver(VoteDefinition vote, VoteStore store, ResultFiles files, Telemetry telemetry) {
        this.telemetry = telemetry;
        this.vote = vote;
        this.flow = new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(), Clock.systemUTC(),
                List.of(TelegramPlatform.PLATFORM, ZaloPlatform.PLATFORM), files);
    }

    public static Account tg(long id, String language) {
        return new Account(TelegramPlatform.PLATFORM, Long.toString(id), null, null, language);
    }

    public static Account participant(int i, String language) {
        return tg(Votes.participantTelegramId(i), language);
    }

    public static final Account ORGANISER = tg(Votes.ORGANISER_ID, "vi");

    /**
     * Handles one update and records what was said; an outage's replies are recorded, then
     * rethrown. Like an adapter, it gives every message sent with buttons an id and reports it
     * ({@link ChatFlow#delivered}), so presses go to the latest ballot copy.
     */
    public List<Reply> handle(Inbound in) {
        updates.incrementAndGet();
        try (UpdateSpan span = telemetry.received(in)) {
            List<Reply> out = handled(in);
            span.handled();
            return out;
        }
    }

    private List<Reply> handled(Inbound in) {
        try {
            List<Reply> out = flow.handle(in);
            sent.addAll(out);
            for (Reply r : out) {
                noteScreen(r);
                if (r instanceof Reply.Send s && s.keyboard() instanceof vn.tinnhiem.core.chat.Keyboard.Inline) {
                    String id = "m" + seq.incrementAndGet();
                    latestWithButtons.put(s.to(), id);
                    sent.addAll(flow.delivered(s.to(), s.keyboard(), id));
                }
            }
            return out;
        } catch (ChatFlow.Unavailable e) {
            sent.addAll(e.replies());
            throw e;
        }
    }

    /**
     * A press with a fresh press id, on the latest message with buttons in the account's chat. A
     * press of {@link #submit} on a ballot still on its review is preceded, now, by the review's
     * «Gửi phiếu» ({@link #finish}), as a person must press it first: the tests of stores, races
     * and outages that submit keep submitting. The confirmation step itself is tested with
     * explicit presses (ChatFlowTest, NoAccidentTest).
     */
    public Inbound.Press pressOf(Account who, String data) {
        if (data.equals(submit()) && onReviewNotConfirming(who)) {
            handle(new Inbound.Press(who, latestWithButtons.getOrDefault(who.key(), "ballot-" + who.userId()),
                    finish(), "q" + seq.incrementAndGet()));
        }
        return new Inbound.Press(who, latestWithButtons.getOrDefault(who.key(), "ballot-" + who.userId()), data,
                "q" + seq.incrementAndGet());
    }

    /** Accounts whose chat shows, last, a ballot screen with the review's «Gửi phiếu» button. */
    private final java.util.Set<String> onReview = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** What the chat shows last, as a person sees it: no store read (an outage test pauses the store). */
    private void noteScreen(Reply r) {
        vn.tinnhiem.core.chat.Keyboard k = r instanceof Reply.Send s ? s.keyboard()
                : r instanceof Reply.Edit e ? e.keyboard() : null;
        if (k == null) {
            return;
        }
        boolean review = k instanceof vn.tinnhiem.core.chat.Keyboard.Inline in
                && in.buttons().stream().anyMatch(b -> b.data().equals(finish()));
        boolean ballot = k instanceof vn.tinnhiem.core.chat.Keyboard.Inline in2
                && in2.buttons().stream().anyMatch(b -> b.data().startsWith("r:") || b.data().startsWith("s:")
                        || b.data().startsWith("f:"));
        if (review) {
            onReview.add(r.to());
        } else if (ballot || k == vn.tinnhiem.core.chat.Keyboard.NONE && r instanceof Reply.Edit) {
            onReview.remove(r.to());
        }
    }

    private boolean onReviewNotConfirming(Account who) {
        return onReview.contains(who.key());
    }

    public List<Reply> press(Account who, String data) {
        return handle(pressOf(who, data));
    }

    public List<Reply> start(Account who) {
        return handle(new Inbound.Start(who, null));
    }

    /** A command with its arguments, as typed: {@code command(who, "close force")}. */
    public List<Reply> command(Account who, String typed) {
        List<String> words = List.of(typed.strip().split("\\s+"));
        return handle(new Inbound.Command(who, words.get(0), words.subList(1, words.size())));
    }

    /** The callback data that rates leader k with c on this vote. */
    public String rate(int k, Choice c) {
        return CallbackData.rate(vote.id(), k, c);
    }

    /** The confirmation screen's button: sends the ballot once {@link #finish} asked for it. */
    public String submit() {
        return CallbackData.submit(vote.id());
    }

    /** The review's «Gửi phiếu»: asks for the confirmation, sends nothing. */
    public String finish() {
        return CallbackData.finish(vote.id());
    }

    /** Rates every leader, then «Gửi phiếu» and «Xác nhận gửi phiếu»; returns the receipt the confirmation shows. */
    public String voteThrough(Account who, List<Choice> choices) {
        for (int k = 0; k < choices.size(); k++) {
            press(who, rate(k, choices.get(k)));
        }
        return receiptIn(press(who, submit()));
    }

    /**
     * The receipt code in a confirmation among {@code replies} (an edit of the ballot, or on a
     * platform that cannot edit a message sent), or null if there is none.
     */
    public static String receiptIn(List<Reply> replies) {
        for (Reply r : replies) {
            String text = r instanceof Reply.Edit e ? e.text() : r instanceof Reply.Send s ? s.text() : null;
            Matcher m = text == null ? null : RECEIPT.matcher(text);
            if (m != null && m.find()) {
                return m.group();
            }
        }
        return null;
    }

    /** How many updates {@link #handle} was given. */
    public int updates() {
        return updates.get();
    }

    /** Every reply said so far, in order. */
    public List<Reply> sent() {
        synchronized (sent) {
            return List.copyOf(sent);
        }
    }

    public List<String> leaderIds() {
        return vote.leaders().stream().map(l -> l.id()).toList();
    }
}
