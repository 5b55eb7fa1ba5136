package vn.tinnhiem.core.chat;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where {@link UserLanguages} keeps the language each account last wrote in: in this process
 * ({@link #inMemory}), or shared by every replica (in Redis, {@code store.RedisLanguageNotes}),
 * so a broadcast from any replica reaches people in their own language.
 */
public interface LanguageNotes {

    void remember(String account, Locale language);

    Optional<Locale> of(String account);

    /** In this process only: a restart forgets, until each person writes again. */
    static LanguageNotes inMemory() {
        Map<String, Locale> byAccount = new ConcurrentHashMap<>();
        return new LanguageNotes() {
            @Override
            public void remember(String account, Locale language) {
                byAccount.put(account, language);
            }

            @Override
            public Optional<Locale> of(String account) {
                return Optional.ofNullable(byAccount.get(account));
            }
        };
    }
}
