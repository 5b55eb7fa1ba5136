package vn.tinnhiem.core;

import java.util.List;

/**
 * The record a store keeps of one participant's ballot copies: chat message ids, never a
 * choice. The chat flow writes it (one live copy per participant, SPEC 4); a store reads it
 * when a copy is pressed, in the same atomic step as the press, so the check costs no round
 * trip of its own. The Redis script {@code ballot.lua} reads the same format.
 *
 * <p>The record is either the live copy's message id, or {@value #RETIRED} followed by the ids
 * of the copies retired since (space-separated) while no live copy is recorded yet: a fresh
 * copy is on its way, or its report was lost.
 */
public final class BallotCopy {
    /** The first character of a record that names no live copy. */
    public static final String RETIRED = "~";
    /** How many retired ids a record keeps while no copy is live. */
    public static final int KEEP_RETIRED = 8;

    private BallotCopy() {}

    /** What a record says about a pressed message. */
    public enum Check {
        /** The live copy: the press may go on. */
        LIVE,
        /** No copy is recorded live and this one was not retired: the press may go on, and its first accepted press records it. */
        UNRECORDED,
        /** Another copy is live, or this one was retired: the press must change nothing. */
        STALE
    }

    /**
     * What {@code record} (null: none) says about a press on {@code messageId} (null: a
     * platform without message ids, which has one copy anyway).
     */
    public static Check check(String record, String messageId) {
        if (messageId == null) {
            return Check.LIVE;
        }
        if (record == null || record.startsWith(RETIRED) && !retiredIds(record).contains(messageId)) {
            return Check.UNRECORDED;
        }
        return record.equals(messageId) ? Check.LIVE : Check.STALE;
    }

    /** The ids a record lists as retired; none for a record that names a live copy. */
    public static List<String> retiredIds(String record) {
        if (record == null || !record.startsWith(RETIRED)) {
            return List.of();
        }
        String ids = record.substring(RETIRED.length());
        return ids.isEmpty() ? List.of() : List.of(ids.split(" "));
    }

    /**
     * The record to keep while a fresh copy is on its way (its id is known only once the platform
     * has accepted it): no copy live, and the ids of the retired copies, the live one of
     * {@code record} (null: none) first, at most {@value #KEEP_RETIRED}. The Redis script
     * {@code check-in.lua} computes the same.
     */
    public static String reserve(String record) {
        List<String> retired = record == null ? List.of()
                : record.startsWith(RETIRED) ? retiredIds(record) : List.of(record);
        return RETIRED + String.join(" ", retired.subList(0, Math.min(KEEP_RETIRED, retired.size())));
    }
}
