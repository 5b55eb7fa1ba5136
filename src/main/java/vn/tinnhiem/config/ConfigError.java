package vn.tinnhiem.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One problem found in a vote definition.
 *
 * @param file   the file (or folder) it was found in
 * @param field  where in the file, JSON-path-like: {@code roster[3].telegramId};
 *               {@code (file)} for the document as a whole
 * @param reason what is wrong, in plain English, ideally with how to fix it
 */
public record ConfigError(Path file, String field, String reason) {
    /** Field name used for problems with the file as a whole (unreadable, malformed JSON). */
    public static final String WHOLE_FILE = "(file)";

    public ConfigError {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(reason, "reason");
    }

    /** {@code FILE: FIELD: REASON}, one line. */
    public String message() {
        return file + ": " + field + ": " + reason;
    }

    @Override
    public String toString() {
        return message();
    }
}
