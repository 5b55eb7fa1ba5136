package vn.tinnhiem.core;

/** A vote's life: defined, then open for ballots, then closed and counted. Never backwards. */
public enum VoteState {
    DRAFT,
    OPEN,
    CLOSED
}
