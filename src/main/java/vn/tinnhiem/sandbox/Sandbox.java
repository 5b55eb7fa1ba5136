package vn.tinnhiem.sandbox;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.tinnhiem.core.Person;
import vn.tinnhiem.core.Results;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.core.VoteStore;
import vn.tinnhiem.config.RosterFields;
import vn.tinnhiem.core.chat.Account;
import vn.tinnhiem.core.chat.Capabilities;
import vn.tinnhiem.core.chat.ChatFlow;
import vn.tinnhiem.core.chat.Codes;
import vn.tinnhiem.core.chat.InviteRule;
import vn.tinnhiem.core.chat.Inbound;
import vn.tinnhiem.core.chat.Keyboard;
import vn.tinnhiem.core.chat.Platform;
import vn.tinnhiem.core.chat.Reply;
import vn.tinnhiem.core.chat.VoteRegistry;
import vn.tinnhiem.export.ResultFilesExport;

/**
 * The sandbox chat adapter: turns what a person does in the page into {@link Inbound}s for
 * the same {@link ChatFlow} the Telegram adapter uses, and renders the {@link Reply}s into
 * per-chat {@link Transcript}s. One lock guards the flow call and the rendering, so every
 * chat sees the replies in the order the flow gave them.
 */
public final class Sandbox {
    /** Chats that look like Telegram's: buttons, edits, toasts, contact sharing; rosters' Telegram identities. */
    public static final Platform PLATFORM = new Platform("Sandbox", "sb", RosterFields.TELEGRAM,
            new Capabilities(true, true, true, 4096, 64, true, true, true));
    /** Text-only chats that behave like Zalo's: no buttons, no edits; rosters' Zalo identities. */
    public static final Platform ZALO_STYLE = new Platform("Sandbox (Zalo)", "sz", RosterFields.ZALO,
            new Capabilities(false, false, false, 2000, 0, true, false, false));

    private final VoteDefinition vote;
    private final VoteStore store;
    private final ChatFlow flow;
    private final Map<String, Persona> personas = new LinkedHashMap<>();
    private final Map<String, Transcript> chats = new HashMap<>();
    private long version;
    private int pressSeq;

    public Sandbox(VoteDefinition vote, VoteStore store, Clock clock) {
        this.vote = vote;
        this.store = store;
        this.flow = new ChatFlow(new VoteRegistry(List.of(vote)), store, new Codes(), clock, List.of(PLATFORM, ZALO_STYLE),
                new ResultFilesExport());
        Map<String, String> invites = issueInvites(vote, store);
        for (Person p : vote.organisers()) {
            add(p, Persona.Role.ORGANISER, null);
        }
        for (Person p : vote.supervisors()) {
            add(p, Persona.Role.SUPERVISOR, null);
        }
        for (Person p : vote.roster()) {
            add(p, Persona.Role.PARTICIPANT, invites.get(p.id()));
        }
    }

    /** Roster entries the bot cannot recognise by Telegram id, username or Zalo id check in with a code. */
    private static Map<String, String> issueInvites(VoteDefinition vote, VoteStore store) {
        Codes codes = new Codes();
        Map<String, String> proposed = new HashMap<>();
        for (Person p : vote.roster()) {
            // People known only by a Zalo id check in by that id in their Zalo-style chat.
            if (InviteRule.needsCode(p) && RosterFields.zaloId(p) == null) {
                proposed.put(p.id(), codes.invite());
            }
        }
        return store.issueInvites(vote.id(), proposed);
    }

    private void add(Person p, Persona.Role role, String invite) {
        Long tgId = RosterFields.telegramId(p);
        String username = RosterFields.telegramUsername(p);
        String zaloId = RosterFields.zaloId(p);
        // Someone pinned to a Zalo id is recognised by it only (their username or phone is not theirs to match by).
        Platform platform = tgId == null && zaloId != null ? ZALO_STYLE : PLATFORM;
        String userId;
        if (platform == ZALO_STYLE) {
            userId = zaloId;
        } else if (tgId != null) {
            userId = Long.toString(tgId);
        } else {
            String seed = username != null ? "@" + username.toLowerCase(java.util.Locale.ROOT) : role + ":" + p.id();
            int attempt = 0;
            userId = Long.toString(Persona.syntheticId(seed, attempt));
            while (personas.containsKey(PLATFORM.key(userId))
                    && !sameIdentity(personas.get(PLATFORM.key(userId)), username)) {
                userId = Long.toString(Persona.syntheticId(seed, ++attempt));
            }
        }
        String key = platform.key(userId);
        Persona old = personas.get(key);
        if (old == null) {
            personas.put(key, new Persona(userId, username, p.name(), Set.of(role),
                    role == Persona.Role.PARTICIPANT ? p.id() : null, RosterFields.phone(p), invite, platform));
            chats.put(key, new Transcript());
            return;
        }
        // One person in several roles (an organiser who also votes): one chat, the roster's name.
        Set<Persona.Role> roles = EnumSet.copyOf(old.roles());
        roles.add(role);
        boolean roster = role == Persona.Role.PARTICIPANT;
        personas.put(key, new Persona(userId, old.username() != null ? old.username() : username,
                roster ? p.name() : old.name(), roles, roster ? p.id() : old.rosterId(),
                roster ? RosterFields.phone(p) : old.phone(), roster ? invite : old.inviteCode(), platform));
    }

    private static boolean sameIdentity(Persona existing, String username) {
        return username != null && username.equalsIgnoreCase(existing.username());
    }

    public VoteDefinition vote() {
        return vote;
    }

    public VoteStore store() {
        return store;
    }

    public List<Persona> personas() {
        return List.copyOf(personas.values());
    }

    public Optional<Persona> persona(String key) {
        return Optional.ofNullable(personas.get(key));
    }

    /** Something a person does in their chat. */
    public sealed interface Action {
        /** Typed text: "/start CODE", "/open", or plain text such as an invite code. */
        record Say(String text) implements Action {}

        /** The "share phone" button: shares the person's own number. */
        record ShareContact() implements Action {}

        /** An inline button under message {@code messageId}. */
        record Press(String messageId, String data) implements Action {}
    }

    /**
     * What an action produced: the toasts for the person who acted (press answers) and every
     * reply, for callers that want to read them (the simulate command prints the announcement).
     */
    public record Outcome(List<String> toasts, List<Reply> replies) {}

    /** Runs one action of {@code personaKey} through the flow and renders the replies. */
    public synchronized Outcome act(String personaKey, Action action, String languageCode) {
        Persona persona = personas.get(personaKey);
        if (persona == null) {
            throw new IllegalArgumentException("no such person in the sandbox");
        }
        Account account = persona.account(languageCode);
        Transcript chat = chats.get(personaKey);
        Inbound in;
        if (action instanceof Action.Say say) {
            String text = say.text().strip();
            chat.userSaid(text);
            in = toInbound(account, text);
        } else if (action instanceof Action.ShareContact) {
            String phone = persona.phone() != null ? persona.phone() : unlistedPhone(persona);
            chat.userSaid("📱 " + phone);
            in = new Inbound.ContactShared(account, phone, true);
        } else if (action instanceof Action.Press press) {
            in = new Inbound.Press(account, press.messageId(), press.data(), "press-" + (++pressSeq));
        } else {
            throw new IllegalArgumentException("unhandled action " + action.getClass());
        }
        List<Reply> replies = flow.handle(in);
        List<String> toasts = new ArrayList<>();
        for (Reply r : replies) {
            if (r instanceof Reply.Answer answer) {
                if (answer.to().equals(personaKey) && !answer.text().isEmpty()) {
                    toasts.add(answer.text());
                }
            } else {
                render(r);
            }
        }
        version++;
        return new Outcome(toasts, replies);
    }

    /** Lets the flow close votes whose deadline passed. */
    public synchronized void tick() {
        List<Reply> replies = flow.tick();
        replies.forEach(this::render);
        if (!replies.isEmpty()) {
            version++;
        }
    }

    private void render(Reply r) {
        // Replies to accounts without a pane (e.g. staff on another platform) have no chat to show.
        Transcript chat = chats.get(r.to());
        if (chat == null) {
            return;
        }
        String id = chat.apply(r);
        // Like the platform's answer to a send: the flow learns which message is the live ballot.
        if (id != null && r instanceof Reply.Send send && send.keyboard() instanceof Keyboard.Inline) {
            flow.delivered(send.to(), send.keyboard(), id).forEach(this::render);
        }
    }

    /** Commands as Telegram delivers them: "/name arg…"; "/start" carries the deep-link payload. */
    static Inbound toInbound(Account account, String text) {
        if (!text.startsWith("/") || text.length() == 1) {
            return new Inbound.Text(account, text);
        }
        String[] parts = text.substring(1).split("\\s+");
        String name = parts[0].contains("@") ? parts[0].substring(0, parts[0].indexOf('@')) : parts[0];
        List<String> args = List.of(parts).subList(1, parts.length);
        if (name.equalsIgnoreCase("start")) {
            return new Inbound.Start(account, args.isEmpty() ? null : args.get(0));
        }
        return new Inbound.Command(account, name, args);
    }

    /** A number no roster has, for people with no phone in the config: the bot refuses it. */
    private static String unlistedPhone(Persona p) {
        return "+8490" + String.format("%07d", Math.floorMod(p.userId().hashCode(), 10_000_000));
    }

    public synchronized long version() {
        return version;
    }

    synchronized List<Transcript.Message> messages(String personaKey) {
        Transcript t = chats.get(personaKey);
        return t == null ? List.of() : t.messages();
    }

    public synchronized String contactRequest(String personaKey) {
        Transcript t = chats.get(personaKey);
        return t == null ? null : t.contactRequest();
    }

    public VoteState state() {
        return store.state(vote.id());
    }

    public boolean checkedIn(Persona p) {
        return p.isParticipant() && store.accountOf(vote.id(), p.rosterId()).isPresent();
    }

    public boolean voted(Persona p) {
        return p.isParticipant() && store.hasVoted(vote.id(), p.rosterId());
    }

    /** Whether this participant's ballot is on its review screen (for the simulator's typing). */
    public boolean onReview(Persona p) {
        return p.isParticipant() && store.draft(vote.id(), p.rosterId(), vote.leaderCount()).onSummary();
    }

    /** The results as announced, once the vote is closed. */
    public Optional<Results> results() {
        if (state() != VoteState.CLOSED) {
            return Optional.empty();
        }
        return Optional.of(Results.of(vote, store));
    }

    public List<String> receipts() {
        return store.receipts(vote.id());
    }
}
