package org.medcrypt.internal.keys;

import java.util.Objects;
import java.util.function.Function;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.spi.RsaPrivateKey;

/**
 * How medcrypt's own code reaches the provider's private-key handle inside a public
 * {@link DataOwnerKeys.OwnedKeyPair}, which callers of the exported API never see (the JDK's
 * "shared secrets" pattern, like {@link CacheAccess}).
 */
public final class KeyAccess {

    private static volatile Function<DataOwnerKeys.OwnedKeyPair, RsaPrivateKey> accessor;

    private KeyAccess() {
    }

    /** Called once, by {@link DataOwnerKeys}'s static initialiser. */
    public static void register(Function<DataOwnerKeys.OwnedKeyPair, RsaPrivateKey> access) {
        if (accessor != null) {
            throw new IllegalStateException("already registered");
        }
        accessor = Objects.requireNonNull(access);
    }

    public static RsaPrivateKey privateKey(DataOwnerKeys.OwnedKeyPair pair) {
        if (accessor == null) {
            try {
                Class.forName(DataOwnerKeys.class.getName(), true, DataOwnerKeys.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
        return accessor.apply(pair);
    }
}
