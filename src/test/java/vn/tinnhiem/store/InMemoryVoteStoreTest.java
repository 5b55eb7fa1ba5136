package vn.tinnhiem.store;

import java.time.Duration;
import vn.tinnhiem.core.VoteStore;

class InMemoryVoteStoreTest extends VoteStoreContract {
    @Override
    protected VoteStore newStore(Duration draftTtl) {
        return new InMemoryVoteStore(draftTtl.toMillis());
    }
}
