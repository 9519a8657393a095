package org.medcrypt.internal.keys;

import java.util.Objects;
import java.util.function.Function;
import org.medcrypt.keys.PairKeyCache;

/**
 * How medcrypt's own code reaches the {@link KeyCache} inside a public {@link PairKeyCache}
 * without giving every caller the methods that change it (the JDK's "shared secrets" pattern).
 */
public final class CacheAccess {

    private static volatile Function<PairKeyCache, KeyCache> accessor;

    private CacheAccess() {
    }

    /** Called once, by {@link PairKeyCache}'s static initialiser. */
    public static void register(Function<PairKeyCache, KeyCache> access) {
        if (accessor != null) {
            throw new IllegalStateException("already registered");
        }
        accessor = Objects.requireNonNull(access);
    }

    public static KeyCache of(PairKeyCache cache) {
        if (accessor == null) {
            PairKeyCache.create(); // runs PairKeyCache's static initialiser
        }
        return accessor.apply(cache);
    }
}
