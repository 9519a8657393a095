package org.medcrypt.internal.sharing;

import java.util.Objects;
import java.util.function.Function;

/**
 * How medcrypt's own code reaches the {@link SharingInternals} of a {@code DelegationService}
 * without adding them to its public API (the JDK's "shared secrets" pattern, as
 * {@code CacheAccess}). Typed on {@code Object} so that nothing here depends on {@code sharing}.
 */
public final class SharingAccess {

    private static volatile Function<Object, SharingInternals> accessor;

    private SharingAccess() {
    }

    /** Called once, by {@code DelegationService}'s static initialiser. */
    public static void register(Function<Object, SharingInternals> access) {
        if (accessor != null) {
            throw new IllegalStateException("already registered");
        }
        accessor = Objects.requireNonNull(access);
    }

    /** The internals of {@code service}, a {@code DelegationService} (whose class is initialised: it exists). */
    public static SharingInternals of(Object service) {
        Objects.requireNonNull(service, "service");
        return accessor.apply(service);
    }
}
