package vn.tinnhiem.core.chat;

import java.time.Clock;
import java.util.Objects;

/**
 * What the chat flow remembers between updates besides the vote store: wrong invite codes per
 * account and each account's language. {@link #inMemory} for one process; replicas pass
 * implementations in Redis, so that nothing the flow relies on lives in one process.
 */
public record FlowMemory(GuessCounts guesses, LanguageNotes languages) {
    public FlowMemory {
        Objects.requireNonNull(guesses, "guesses");
        Objects.requireNonNull(languages, "languages");
    }

    public static FlowMemory inMemory(Clock clock) {
        return new FlowMemory(GuessCounts.inMemory(clock), LanguageNotes.inMemory());
    }
}
