package vn.tinnhiem.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.chat.CallbackData;

/**
 * Participants voting through a {@link FakeBotApi} the way people do: each looks at the
 * latest ballot in their chat and presses the button for the leader it shows, according to
 * choices fixed up front; when nothing happens for a while (the bot is down, a reply was
 * lost) they press the same button again, or send /start again if they never got a ballot.
 * Driven by {@link #step} from one thread, so hundreds of voters need no thread each.
 */
final class Crowd {
    /** How the confirmation shows the receipt (Vietnamese bundle, "Mã biên nhận: K7Q2M-9XD3F"). */
    static final Pattern RECEIPT = Pattern.compile("Mã biên nhận: ([2-9A-Z]{5}-[2-9A-Z]{5})");
    private static final Pattern RATE = Pattern.compile("r:[a-z0-9-]+:(\\d+):[HMLB]");

    /** One participant, their chat and what they mean to vote. */
    static final class Voter {
        final int index;
        final String personId;
        final Updates.TgUser user;
        final Choice[] choices;
        String actedOn;
        long actedAt;
        int presses;
        int retries;
        int starts;
        String receipt;
        /** Callback query id → when it was pushed, for this voter's submit presses, first and repeated. */
        final java.util.Map<String, Long> submitPresses = new java.util.HashMap<>();
        /** Callback query ids of every press, in order (for a failure's report). */
        final java.util.List<String> pressIds = new java.util.ArrayList<>();

        Voter(int index, String personId, Updates.TgUser user, Choice[] choices) {
            this.index = index;
            this.personId = personId;
            this.user = user;
            this.choices = choices;
        }

        long chatId() {
            return user.id();
        }
    }

    private final FakeBotApi api;
    private final String voteId;
    private final int leaders;
    private final long retryNanos;
    final List<Voter> voters = new ArrayList<>();

    Crowd(FakeBotApi api, String voteId, int leaders, long retryMillis) {
        this.api = api;
        this.voteId = voteId;
        this.leaders = leaders;
        this.retryNanos = retryMillis * 1_000_000L;
    }

    /** Adds a voter whose choices come from {@code random}: mostly confidence, some blanks. */
    Voter add(String personId, long telegramId, Random random) {
        Choice[] choices = new Choice[leaders];
        for (int k = 0; k < leaders; k++) {
            int r = random.nextInt(20);
            choices[k] = r < 9 ? Choice.HIGH : r < 14 ? Choice.MEDIUM : r < 18 ? Choice.LOW : Choice.BLANK;
        }
        Voter v = new Voter(voters.size(), personId, Updates.user(telegramId), choices);
        voters.add(v);
        return v;
    }

    /** Everyone sends /start. */
    void checkIn() {
        for (Voter v : voters) {
            start(v, System.nanoTime());
        }
    }

    /** From now on, give the bot the full retry time before doing anything again (e.g. after /open). */
    void patience() {
        long now = System.nanoTime();
        voters.forEach(v -> v.actedAt = now);
    }

    /** One look at every chat, and whatever each voter would do now; returns how many are not done. */
    int step() {
        long now = System.nanoTime();
        int left = 0;
        for (Voter v : voters) {
            if (v.receipt == null) {
                step(v, now);
            }
            if (v.receipt == null) {
                left++;
            }
        }
        return left;
    }

    private void step(Voter v, long now) {
        FakeBotApi.Shown ballot = null;
        for (FakeBotApi.Shown s : api.chat(v.chatId())) {
            Matcher m = RECEIPT.matcher(s.text());
            if (m.find()) {
                v.receipt = m.group(1);
                return;
            }
            if (position(s) >= 0) {
                ballot = s; // the latest ballot wins
            }
        }
        boolean waited = now - v.actedAt >= retryNanos;
        if (ballot == null) {
            if (waited) {
                start(v, now); // never got a ballot (or it was lost): ask again
            }
            return;
        }
        String shown = ballot.messageId() + "/" + ballot.version();
        if (shown.equals(v.actedOn) && !waited) {
            return; // pressed; waiting for the bot
        }
        if (shown.equals(v.actedOn)) {
            v.retries++;
        }
        int k = position(ballot);
        // The review's «Gửi phiếu» (finish), then the confirmation screen's «Xác nhận gửi phiếu».
        String data = k < leaders ? CallbackData.rate(voteId, k, v.choices[k])
                : k == leaders ? CallbackData.finish(voteId) : CallbackData.submit(voteId);
        com.fasterxml.jackson.databind.node.ObjectNode press = Updates.press(v.user, ballot.messageId(), data);
        if (k == leaders + 1) {
            v.submitPresses.put(Updates.pressId(press), now);
        }
        v.pressIds.add(Updates.pressId(press));
        api.push(press);
        v.presses++;
        v.actedOn = shown;
        v.actedAt = now;
    }

    private void start(Voter v, long now) {
        api.push(Updates.start(v.user, null));
        v.starts++;
        v.actedOn = "start";
        v.actedAt = now;
    }

    /**
     * Where a ballot message stands: the leader index its rate buttons carry, the leader count
     * on the summary (its «Gửi phiếu» button), one more on the confirmation screen (its submit
     * button), -1 for anything that is not a ballot.
     */
    int position(FakeBotApi.Shown s) {
        int position = -1;
        for (String[] b : s.buttons()) {
            Matcher m = RATE.matcher(b[1]);
            if (m.matches()) {
                return Integer.parseInt(m.group(1));
            }
            if (b[1].equals(CallbackData.finish(voteId))) {
                position = leaders;
            }
            if (b[1].equals(CallbackData.submit(voteId))) {
                position = leaders + 1;
            }
        }
        return position;
    }

    int presses() {
        return voters.stream().mapToInt(v -> v.presses).sum();
    }

    int retries() {
        return voters.stream().mapToInt(v -> v.retries).sum();
    }

    int starts() {
        return voters.stream().mapToInt(v -> v.starts).sum();
    }
}
