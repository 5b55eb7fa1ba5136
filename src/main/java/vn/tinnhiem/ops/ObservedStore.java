package vn.tinnhiem.ops;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import vn.tinnhiem.core.BallotStep;
import vn.tinnhiem.core.Outcomes;
import vn.tinnhiem.core.StoreUnavailableException;
import vn.tinnhiem.core.VoteStore;

/**
 * A {@link VoteStore} that tells the update being handled on this thread ({@link UpdateSpan#current()})
 * what the store did for it: the ballot step of a press (a press on a stale copy is a stale
 * refusal), the outcome of a submit (also when a press submitted), a check-in (also one made
 * by a {@code /start}'s single step, {@link Outcomes.Arrival}), an
 * open or close; and counts every {@link StoreUnavailableException} (Redis unreachable, overloaded,
 * loading) as a store error. It looks at result types, not method names, so a new store method
 * returning one of these is observed too. Results are passed on unchanged; a receipt is never
 * looked at.
 */
public final class ObservedStore {
    private ObservedStore() {}

    /** {@code store}, observed; {@code errors} runs once per store call that found the store unavailable. */
    public static VoteStore wrap(VoteStore store, Runnable errors) {
        return (VoteStore) Proxy.newProxyInstance(VoteStore.class.getClassLoader(), new Class<?>[] {VoteStore.class},
                (proxy, method, args) -> {
                    Object result;
                    try {
                        result = method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        if (e.getCause() instanceof StoreUnavailableException) {
                            errors.run();
                            UpdateSpan span = UpdateSpan.current();
                            if (span != null) {
                                span.storeUnavailable();
                            }
                        }
                        throw e.getCause();
                    }
                    UpdateSpan span = UpdateSpan.current();
                    if (span != null && result != null) {
                        String voteId = args != null && args.length > 0 && args[0] instanceof String s ? s : null;
                        if (result instanceof Outcomes.Press.Stepped stepped) {
                            span.pressed(voteId, stepped.step());
                        } else if (result instanceof Outcomes.Press.Submitted submitted) {
                            span.submitted(voteId, submitted.outcome());
                        } else if (result instanceof Outcomes.Press.StaleCopy) {
                            span.pressed(voteId, new BallotStep.Rejected(BallotStep.Reason.STALE,
                                    vn.tinnhiem.core.Draft.empty(0)));
                        } else if (result instanceof BallotStep step) {
                            span.pressed(voteId, step);
                        } else if (result instanceof Outcomes.Submit submit) {
                            span.submitted(voteId, submit);
                        } else if (result instanceof Outcomes.CheckIn checkIn) {
                            span.checkedIn(voteId, checkIn);
                        } else if (result instanceof Outcomes.Arrival.Refused refused) {
                            span.checkedIn(voteId, refused.outcome());
                        } else if (result instanceof Outcomes.Arrival.Welcome welcome && welcome.link() != null) {
                            span.checkedIn(voteId, welcome.link());
                        } else if (result instanceof Outcomes.Transition transition) {
                            span.transition(voteId, transition);
                        }
                    }
                    return result;
                });
    }
}
