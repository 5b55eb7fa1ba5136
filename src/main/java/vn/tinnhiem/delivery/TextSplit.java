package vn.tinnhiem.delivery;

import java.util.ArrayList;
import java.util.List;

/** Cutting a long text into messages a platform accepts. */
public final class TextSplit {
    private TextSplit() {}

    /**
     * Splits text into parts of at most {@code max} characters, at a line break where there is
     * one in the second half of the part, never inside a surrogate pair.
     */
    public static List<String> split(String text, int max) {
        List<String> parts = new ArrayList<>();
        String rest = text;
        while (rest.length() > max) {
            int cut = rest.lastIndexOf('\n', max);
            if (cut < max / 2) {
                cut = max;
                if (Character.isHighSurrogate(rest.charAt(cut - 1))) {
                    cut--;
                }
            }
            parts.add(rest.substring(0, cut));
            rest = rest.substring(cut);
            if (rest.startsWith("\n")) {
                rest = rest.substring(1);
            }
        }
        parts.add(rest);
        return parts;
    }
}
