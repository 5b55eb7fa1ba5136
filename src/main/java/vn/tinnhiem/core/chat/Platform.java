package vn.tinnhiem.core.chat;

/** A chat platform an account lives on. The prefix starts the account key ("tg:12345"). */
public enum Platform {
    TELEGRAM("tg"),
    ZALO("zl"),
    /** The local web sandbox. It emulates Telegram accounts so rehearsals use the roster's Telegram ids. */
    SANDBOX("sb");

    private final String prefix;

    Platform(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** Whether roster entries are matched by their Telegram id and username on this platform. */
    public boolean matchesTelegramContacts() {
        return this != ZALO;
    }

    /**
     * Whether a bot may write to someone who has never written to it. Telegram and Zalo refuse
     * (a user must start the conversation); the sandbox shows every chat anyway.
     */
    public boolean botMayWriteFirst() {
        return this == SANDBOX;
    }

    public static Platform ofKey(String accountKey) {
        for (Platform p : values()) {
            if (accountKey.startsWith(p.prefix + ":")) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown platform in account key");
    }
}
