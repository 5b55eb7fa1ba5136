package vn.tinnhiem.sandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import vn.tinnhiem.core.Choice;
import vn.tinnhiem.core.LeaderResult;
import vn.tinnhiem.core.Percent;
import vn.tinnhiem.core.Results;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.core.chat.Keyboard;
import vn.tinnhiem.core.chat.MenuEntry;
import vn.tinnhiem.core.chat.Messages;

/** The JSON the page reads: the chats, the results table and the page's own text. */
final class PageModel {
    private PageModel() {}

    record State(long version, String lang, VoteInfo vote, List<Chat> people) {}

    record VoteInfo(String id, String title, String unit, String state, String stateLabel, int summoned,
            long checkedIn, long voted) {}

    record Chat(String key, String name, List<String> roles, String roleLabel, String contact, String inviteCode,
            boolean checkedIn, boolean voted, List<MenuEntry> menu, String contactRequest, List<Msg> messages) {}

    record Msg(String id, boolean fromBot, String text, List<List<Keyboard.Button>> buttons, boolean edited,
            String image) {}

    record ResultsTable(String title, String unit, String rulebook, String denominator, int summoned, int issued,
            int returned, List<Row> leaders, List<String> receipts) {}

    record Row(int index, String name, String position, Cell high, Cell medium, Cell low, int valid, int invalid,
            String verdict, String verdictText) {}

    /** A count and its percentage: formatted for the reader's language, and plain (dot decimal). */
    record Cell(int count, String percent, String value) {}

    /** "vi" or "en", whatever the page sent. */
    static String lang(String requested) {
        return Messages.supported(requested == null ? null : Locale.forLanguageTag(requested)).getLanguage();
    }

    static Messages messages(String lang) {
        return Messages.of(Locale.forLanguageTag(lang));
    }

    static State state(Sandbox sandbox, String lang) {
        // Read before the chats: if an action lands meanwhile, the page sees an old version
        // with newer chats and simply fetches again, rather than missing the change.
        long version = sandbox.version();
        Messages m = messages(lang);
        List<Chat> people = new ArrayList<>();
        for (Persona p : sandbox.personas()) {
            boolean organiser = p.roles().contains(Persona.Role.ORGANISER);
            boolean supervisor = p.roles().contains(Persona.Role.SUPERVISOR);
            boolean checkedIn = sandbox.checkedIn(p);
            List<Msg> msgs = sandbox.messages(p.key()).stream()
                    .map(x -> new Msg(x.id(), x.fromBot(), x.text(), x.buttons(), x.edited(), x.image())).toList();
            people.add(new Chat(p.key(), p.name(), p.roles().stream().map(r -> r.name().toLowerCase(Locale.ROOT))
                    .sorted().toList(), roleLabel(p, m), contact(p, m), checkedIn ? null : p.inviteCode(),
                    checkedIn, sandbox.voted(p), ChatFlow.menu(organiser, supervisor, m),
                    sandbox.contactRequest(p.key()), msgs));
        }
        String state = sandbox.state().name().toLowerCase(Locale.ROOT);
        long present = sandbox.personas().stream().filter(sandbox::checkedIn).count();
        long voted = sandbox.personas().stream().filter(sandbox::voted).count();
        var v = sandbox.vote();
        return new State(version, lang, new VoteInfo(v.id(), v.title(), v.unit(), state,
                m.get("state." + state), v.summoned(), present, voted), people);
    }

    private static String roleLabel(Persona p, Messages m) {
        List<String> labels = new ArrayList<>();
        for (Persona.Role r : List.of(Persona.Role.ORGANISER, Persona.Role.SUPERVISOR, Persona.Role.PARTICIPANT)) {
            if (p.roles().contains(r)) {
                labels.add(m.get("sandbox.role." + r.name().toLowerCase(Locale.ROOT)));
            }
        }
        return String.join(" · ", labels);
    }

    /** How the bot knows this person, as the hint under their name says it. */
    private static String contact(Persona p, Messages m) {
        if (p.textOnly()) {
            return m.get("sandbox.contact.zalo", p.userId());
        }
        if (!p.hasSyntheticId()) {
            return p.username() != null ? "@" + p.username() + " · id " + p.userId() : "id " + p.userId();
        }
        if (p.username() != null) {
            return "@" + p.username();
        }
        if (p.phone() != null) {
            return m.get("sandbox.contact.phone", p.phone());
        }
        return m.get("sandbox.contact.none");
    }

    static ResultsTable results(Results results, List<String> receipts, String lang) {
        var vote = results.definition();
        Messages m = messages(lang).forVote(vote);
        List<Row> rows = new ArrayList<>();
        int i = 1;
        for (LeaderResult r : results.leaders()) {
            String verdict = r.verdict().name().toLowerCase(Locale.ROOT);
            rows.add(new Row(i++, r.leader().fullName(), r.leader().position(), cell(r, Choice.HIGH, m),
                    cell(r, Choice.MEDIUM, m), cell(r, Choice.LOW, m), r.valid(), r.invalid(), verdict,
                    m.get(vote.rulebook().verdictKey(r.verdict()))));
        }
        return new ResultsTable(vote.title(), vote.unit(), m.get(vote.rulebook().nameKey()),
                m.get(vote.rulebook().denominatorKey()),
                vote.summoned(), results.tally().issued(), results.tally().returned(), rows, receipts);
    }

    private static Cell cell(LeaderResult r, Choice choice, Messages m) {
        Percent p = r.percent(choice);
        return new Cell(r.counts().count(choice), p.formatted(m.locale()), p.plain());
    }

    /**
     * The page's own text: every "sandbox." key of the bundle, plus the choice labels used as
     * column headings. Kept in the message bundles so both languages stay complete.
     */
    static Map<String, String> text(String lang) {
        Messages m = messages(lang);
        ResourceBundle bundle = ResourceBundle.getBundle("messages", m.locale(),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        Map<String, String> out = new TreeMap<>();
        for (String key : bundle.keySet()) {
            if (key.startsWith("sandbox.") || key.startsWith("choice.")) {
                out.put(key, bundle.getString(key).replace("''", "'"));
            }
        }
        return new LinkedHashMap<>(out);
    }
}
