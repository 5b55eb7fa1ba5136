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

    /** A press with a fresh press id, on the latest message with buttons in the account's chat. */
    public Inbound.Press pressOf(Account who, String data) {
        return new Inbound.Press(who, latestWithButtons.getOrDefault(who.key(), "ballot-" + who.userId()), data,
                "q" + seq.incrementAndGet());
    }

    public List<Reply> press(Account who, String data) {
        return handle(pressOf(who, data));
    }

    public List<Reply> start(Account who) {
        return handle(new Inbound.Start(who, null));
    }

    public List<Reply> command(Account who, String name) {
        return handle(new Inbound.Command(who, name, List.of()));
    }

    /** The callback data that rates leader k with c on this vote. */
    public String rate(int k, Choice c) {
        return CallbackData.rate(vote.id(), k, c);
    }

    public String submit() {
        return CallbackData.submit(vote.id());
    }

    /** Rates every leader and submits; returns the receipt the confirmation shows. */
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
