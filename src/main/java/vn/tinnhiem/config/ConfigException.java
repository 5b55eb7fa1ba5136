package vn.tinnhiem.config;

import java.util.List;

/**
 * Vote definitions that must not be used: carries every problem found, not just the first,
 * so an operator can fix a file in one pass.
 */
public class ConfigException extends Exception {
    private final transient List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(describe(errors));
        if (errors.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one error");
        }
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }

    private static String describe(List<ConfigError> errors) {
        StringBuilder b = new StringBuilder();
        b.append(errors.size()).append(errors.size() == 1 ? " error" : " errors")
                .append(" in vote definitions:");
        for (ConfigError e : errors) {
            b.append("\n  ").append(e.message());
        }
        return b.toString();
    }
}
