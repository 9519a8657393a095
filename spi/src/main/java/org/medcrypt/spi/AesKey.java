package org.medcrypt.spi;

import javax.security.auth.Destroyable;

/**
 * A provider's handle on an AES key (128, 192 or 256 bits). Made by {@link AesKeys#importKey};
 * usable only with the provider that made it. Implementations hold their own copy of the key
 * bytes, wipe it in {@link #destroy()}, and never print it in {@code toString()}.
 */
public interface AesKey extends Destroyable {

    /** 128, 192 or 256. */
    int sizeInBits();

    /** Wipes the key; any later use throws. */
    @Override
    void destroy();
}
