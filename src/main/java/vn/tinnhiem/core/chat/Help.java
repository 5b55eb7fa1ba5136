package vn.tinnhiem.core.chat;

import java.util.List;

/** /help, and what a staff member gets on /start: the commands of their role. */
final class Help {
    private final VoteRegistry votes;

    Help(VoteRegistry votes) {
        this.votes = votes;
    }

    void help(Account from, List<Reply> out) {
        boolean organiser = votes.all().stream().anyMatch(v -> votes.isOrganiser(v, from));
        boolean supervisor = votes.all().stream().anyMatch(v -> votes.isSupervisor(v, from));
        Messages m = UserLanguages.of(from, votes.all().get(0));
        String text;
        if (organiser || supervisor) {
            text = m.get(organiser ? "help.organiser" : "help.supervisor");
        } else {
            // Participants are told how to answer on their platform and what stays in their chat.
            text = from.can().buttons() ? m.get("help.participant") + "\n" + m.get("help.participant.chat")
                    : m.get("help.participant.textonly");
        }
        out.add(new Reply.Send(from.key(), text, Keyboard.NONE));
    }
}
