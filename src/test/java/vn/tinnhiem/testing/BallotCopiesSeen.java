package vn.tinnhiem.testing;

import java.util.ArrayList;
import java.util.List;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.Leader;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.chat.BallotView;
import vn.tinnhiem.core.chat.CallbackData;
import vn.tinnhiem.core.chat.Messages;

/**
 * What a chat message shows of a ballot, read from its text and buttons as the user sees
 * them: the choices made (a summary line with a level, or a level button marked current) and
 * whether it still has ballot buttons (a live copy). Shared by the Telegram and sandbox tests.
 */
public final class BallotCopiesSeen {
    private BallotCopiesSeen() {}

    /** A message as a chat shows it: text and buttons as {label, callback data}. */
    public record Seen(String id, String text, List<String[]> buttons) {}

    /** The choices {@code message} shows, described for an assertion message; empty if none. */
    public static List<String> choicesShown(VoteDefinition vote, Seen message, Messages m) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < vote.leaderCount(); i++) {
            Leader l = vote.leaders().get(i);
            for (Choice c : Choice.values()) {
                String line = m.get("ballot.summary.line", i + 1, l.fullName(), l.position(),
                        BallotView.choiceLabel(c, m));
                if (message.text().contains(line)) {
                    found.add("summary line \"" + line + "\"");
                }
            }
        }
        for (String[] b : message.buttons()) {
            for (Choice c : Choice.values()) {
                if (b[0].equals(m.get("ballot.current", BallotView.choiceLabel(c, m)))) {
                    found.add("button marked current \"" + b[0] + "\"");
                }
            }
        }
        return found;
    }

    /** Whether {@code message} still has a button that presses on a ballot. */
    public static boolean live(Seen message) {
        return message.buttons().stream().anyMatch(b -> CallbackData.parse(b[1])
                .filter(p -> p instanceof CallbackData.Ballot).isPresent());
    }

    /**
     * Every message that shows a choice, and every ballot message with live buttons beyond
     * {@code liveAllowed}: an empty list when the chat is as the one-live-copy rule wants it.
     */
    public static List<String> violations(VoteDefinition vote, List<Seen> chat, Messages m, int liveAllowed,
            boolean choicesAllowedOnLive) {
        List<String> out = new ArrayList<>();
        List<Seen> live = chat.stream().filter(BallotCopiesSeen::live).toList();
        if (live.size() > liveAllowed) {
            out.add(live.size() + " messages with live ballot buttons (at most " + liveAllowed + "): "
                    + live.stream().map(Seen::id).toList());
        }
        for (Seen s : chat) {
            if (choicesAllowedOnLive && live.contains(s)) {
                continue;
            }
            List<String> choices = choicesShown(vote, s, m);
            if (!choices.isEmpty()) {
                out.add("message " + s.id() + " shows " + choices);
            }
        }
        return out;
    }
}
