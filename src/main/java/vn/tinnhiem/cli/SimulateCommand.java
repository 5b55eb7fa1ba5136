package vn.tinnhiem.cli;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import vn.tinnhiem.core.VoteDefinition;
import vn.tinnhiem.core.VoteState;
import vn.tinnhiem.core.chat.CallbackData;
import vn.tinnhiem.core.chat.Reply;
import vn.tinnhiem.sandbox.Persona;
import vn.tinnhiem.sandbox.Sandbox;
import vn.tinnhiem.sandbox.Simulator;
import vn.tinnhiem.store.InMemoryVoteStore;

/**
 * {@code simulate [--config PATH] [--voters N]}: runs a whole vote in-process on the in-memory
 * store, through the same chat flow as the bot: N participants check in, the first organiser
 * opens, everyone present votes at random, the organiser closes; prints the announcement.
 */
public final class SimulateCommand implements Command {
    @Override
    public String name() {
        return "simulate";
    }

    @Override
    public String arguments() {
        return "[--config PATH] [--voters N]";
    }

    @Override
    public String summary() {
        return "Run a whole vote with random ballots in memory and print the results announcement";
    }

    @Override
    public List<OptionHelp> optionHelp() {
        return List.of(
                new OptionHelp("--config PATH",
                        "The vote to simulate (default: the example vote)"),
                new OptionHelp("--voters N",
                        "How many participants check in and vote (default: everyone summoned)"));
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Options options = Options.parse(args, Set.of("--config", "--voters"));
        Integer voters = options.intValue("--voters", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        if (options.error() != null || voters == null) {
            err.println(options.error() != null ? options.error() : "--voters must be a positive number");
            err.println("Usage: " + Main.usageLine(this));
            return USAGE;
        }
        VoteDefinition vote = VoteSource.load(options.get("--config"), err);
        if (vote == null) {
            return FAILED;
        }
        if (options.get("--voters") != null && voters > vote.summoned()) {
            // Capping silently would report a turnout nobody asked for.
            err.println("simulate: --voters " + voters + " is more than the " + vote.summoned()
                    + " people summoned to vote " + vote.id() + "; give at most " + vote.summoned()
                    + ", or leave --voters out to let everyone vote");
            return USAGE;
        }
        Sandbox sandbox = new Sandbox(vote, new InMemoryVoteStore(), Clock.systemUTC());
        Persona organiser = sandbox.personas().stream().filter(p -> p.roles().contains(Persona.Role.ORGANISER))
                .findFirst().orElse(null);
        if (organiser == null) {
            err.println("simulate: the vote has no organiser to open and close it");
            return FAILED;
        }
        Simulator simulator = new Simulator(sandbox, new SecureRandom(), null);
        int present = simulator.checkIn(voters);
        sandbox.act(organiser.key(), new Sandbox.Action.Say("/open"), null);
        if (sandbox.state() == VoteState.DRAFT) {
            // Below the 2/3 quorum: press "open anyway", as an organiser would (it is audited).
            err.println("simulate: " + present + " of " + vote.summoned() + " present, below the 2/3 quorum;"
                    + " opening anyway");
            sandbox.act(organiser.key(), new Sandbox.Action.Press("0", CallbackData.forceOpen(vote.id())), null);
        }
        int voted = simulator.voteAll();
        Sandbox.Outcome closed = sandbox.act(organiser.key(), new Sandbox.Action.Say("/close"), null);
        out.println("Simulated: " + present + " of " + vote.summoned() + " checked in, " + voted + " voted.");
        out.println();
        for (Reply r : closed.replies()) {
            if (r instanceof Reply.Send send && send.to().equals(organiser.key())) {
                out.println(send.text());
                out.println();
            }
        }
        return sandbox.state() == VoteState.CLOSED ? OK : FAILED;
    }
}
