package vn.tinnhiem.core;

/**
 * The store cannot be reached (network, restart, failover). Nothing was changed by the call
 * that threw, or the change is certain to be atomic: a Lua script runs whole or not at all.
 * The chat flow answers "temporarily unavailable, please try again" and carries on.
 */
public class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
