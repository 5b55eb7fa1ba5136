package vn.tinnhiem.display;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.tinnhiem.config.RosterFields;
import vn.tinnhiem.core.BallotEvent;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.Leader;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.testing.Votes;

/**
 * A vote seen by the hall display, moved along through the store as the bot would: check-ins,
 * open, ballots, close. Participants have distinctive names so a test can look for them.
 */
final class Hall {
    static final String[] NAMES = {"Hoàng Thị Lan", "Phạm Quốc Huy", "Đặng Minh Châu", "Vũ Thanh Tùng",
            "Bùi Ngọc Ánh", "Đỗ Hải Yến", "Ngô Đức Mạnh", "Dương Thu Trang", "Lý Văn Khoa", "Trịnh Mai Anh",
            "Tạ Quang Vinh", "Mạc Thị Hồng", "Châu Gia Bảo", "La Hoài Nam"};

    final VoteDefinition vote;
    final VoteStore store;
    private final List<String> receipts = new ArrayList<>();

    Hall(VoteStore store, Instant deadline) {
        this(store, deadline, null);
    }

    /** With these leaders on the ballot instead of the reference case's three (null: those three). */
    Hall(VoteStore store, Instant deadline, List<Leader> leaders) {
        Votes.Builder b = Votes.builder("hoi-nghi").deadline(deadline);
        if (leaders != null) {
            b.leaders(leaders.toArray(Leader[]::new));
        }
        for (int i = 0; i < NAMES.length; i++) {
            b.participant(new Person(personId(i), NAMES[i],
                    RosterFields.identities(Votes.participantTelegramId(i + 1), "user_" + (i + 1) + "_hall", null, null)));
        }
        this.vote = b.build();
        this.store = store;
    }

    static String personId(int i) {
        return String.format("dv%02d", i + 1);
    }

    static String account(int i) {
        return "tg:" + Votes.participantTelegramId(i + 1);
    }

    /** Participants 0..n-1 are present. */
    Hall checkIn(int n) {
        for (int i = 0; i < n; i++) {
            store.checkIn(vote.id(), personId(i), account(i));
        }
        return this;
    }

    Hall open() {
        store.openVote(vote.id(), vn.tinnhiem.core.FrozenDefinition.of(vote), Instant.now());
        return this;
    }

    /**
     * Participant i submits a ballot: HIGH, MEDIUM or LOW for every leader by i mod 3, a blank row
     * for i mod 5 = 4; leaders from the fourth on with k mod 7 = 3 or 5 get mostly LOW.
     */
    Hall ballot(int i) {
        String person = personId(i);
        int leaders = vote.leaderCount();
        for (int k = 0; k < leaders; k++) {
            Choice c = k == 1 && i % 5 == 4 ? Choice.BLANK : Choice.values()[i % 3];
            // Beyond the first three leaders, some get each verdict (with 14 ballots: 10 LOW is 2/3, 8 over 1/2).
            if (k >= 3 && k % 7 == 3) {
                c = i < 10 ? Choice.LOW : Choice.HIGH;
            } else if (k >= 3 && k % 7 == 5) {
                c = i < 8 ? Choice.LOW : Choice.MEDIUM;
            }
            store.press(vote.id(), person, leaders, new BallotEvent.Rate(k, c));
        }
        store.press(vote.id(), person, leaders, new BallotEvent.Submit());
        String receipt = "RC" + String.format("%04d", 1000 + i * 37);
        store.submit(vote.id(), person, vote.leaders().stream().map(l -> l.id()).toList(), receipt);
        receipts.add(receipt);
        return this;
    }

    Hall ballots(int from, int to) {
        for (int i = from; i < to; i++) {
            ballot(i);
        }
        return this;
    }

    Hall close() {
        store.closeVote(vote.id(), Instant.now(), "digest");
        return this;
    }

    /** Everything that identifies a participant: names, ids, accounts, usernames, receipts. */
    List<String> identifying() {
        List<String> out = new ArrayList<>(receipts);
        for (int i = 0; i < NAMES.length; i++) {
            out.add(NAMES[i]);
            out.add(personId(i));
            out.add(account(i));
            out.add(Long.toString(Votes.participantTelegramId(i + 1)));
            out.add("user_" + (i + 1) + "_hall");
        }
        for (Person p : vote.organisers()) {
            out.add(p.name());
        }
        for (Person p : vote.supervisors()) {
            out.add(p.name());
        }
        return out;
    }
}
