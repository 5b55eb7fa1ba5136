package vn.tinnhiem.delivery;

import java.util.Objects;
import vn.tinnhiem.core.chat.AccountTurns;
import vn.tinnhiem.core.chat.HandledUpdates;

/**
 * What one platform's adapter shares with the other replicas of the bot: how an account's
 * updates take turns, which updates were handled already, the pacing budgets, and whether this
 * process registers the webhook and command menus at start (one process does; replicas leave
 * it to the one-off {@code deploy} command, so N starts are not N registrations).
 */
public record Sharing(AccountTurns turns, HandledUpdates handled, SharedPacing pacing, boolean register) {
    /** Handled updates one process remembers. */
    public static final int REMEMBERED = 10_000;

    public Sharing {
        Objects.requireNonNull(turns, "turns");
        Objects.requireNonNull(handled, "handled");
        Objects.requireNonNull(pacing, "pacing");
    }

    /** One process: everything in memory, and it registers itself at start. */
    public static Sharing oneProcess() {
        return new Sharing(AccountTurns.inProcess(), HandledUpdates.inMemory(REMEMBERED), SharedPacing.NONE, true);
    }
}
