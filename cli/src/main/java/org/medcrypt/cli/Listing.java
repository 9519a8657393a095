package org.medcrypt.cli;

import java.util.List;
import java.util.stream.Collectors;

/** Short lists for reports: the first few items, then how many more. */
final class Listing {

    static final int SHOWN = 12;

    private Listing() {
    }

    static String of(List<?> items) {
        if (items.isEmpty()) {
            return "none";
        }
        String shown = items.stream().limit(SHOWN).map(String::valueOf).collect(Collectors.joining(", "));
        return items.size() > SHOWN ? shown + ", … and " + (items.size() - SHOWN) + " more" : shown;
    }
}
