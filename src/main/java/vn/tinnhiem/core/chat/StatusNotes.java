package vn.tinnhiem.core.chat;

import java.util.List;

/**
 * Lines an adapter adds to {@code /status}, in the reader's language: what only the adapter
 * knows (Zalo: messages sent this month against the quota, accounts whose messages the
 * platform withholds). The flow shows them and knows nothing of their meaning.
 */
@FunctionalInterface
public interface StatusNotes {
    /** Zero or more lines for a reader of {@code m}'s language. */
    List<String> lines(Messages m);
}
