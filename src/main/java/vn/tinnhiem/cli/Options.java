package vn.tinnhiem.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** "--name value" options and "--flag" switches of a command; anything else is a usage error. */
final class Options {
    private final Map<String, String> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final String error;

    private Options(Map<String, String> values, Set<String> flags, String error) {
        this.values.putAll(values);
        this.flags.addAll(flags);
        this.error = error;
    }

    static Options parse(List<String> args, Set<String> allowed) {
        return parse(args, allowed, Set.of());
    }

    static Options parse(List<String> args, Set<String> allowed, Set<String> allowedFlags) {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String name = args.get(i);
            if (allowedFlags.contains(name)) {
                flags.add(name);
                continue;
            }
            if (!allowed.contains(name)) {
                return new Options(values, flags, "unknown option " + name);
            }
            if (i + 1 >= args.size()) {
                return new Options(values, flags, name + " needs a value");
            }
            values.put(name, args.get(++i));
        }
        return new Options(values, flags, null);
    }

    boolean has(String flag) {
        return flags.contains(flag);
    }

    /** Why the command line is wrong, or null. */
    String error() {
        return error;
    }

    String get(String name) {
        return values.get(name);
    }

    /** The option as a number in [min, max], or {@code fallback} if absent; null if malformed. */
    Integer intValue(String name, int fallback, int min, int max) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(v);
            return n < min || n > max ? null : n;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
