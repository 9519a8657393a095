package org.medcrypt.provider.tink;

import com.google.crypto.tink.subtle.Random;
import java.security.GeneralSecurityException;
import java.util.Objects;
import org.medcrypt.spi.AesKey;
import org.medcrypt.spi.AesKeys;

/** AES keys from Tink's {@link Random}. */
final class TinkAesKeys implements AesKeys {

    @Override
    public byte[] generate(int sizeInBits) throws GeneralSecurityException {
        if (sizeInBits != 128 && sizeInBits != 192 && sizeInBits != 256) {
            throw new GeneralSecurityException("AES keys are 128, 192 or 256 bits, not " + sizeInBits);
        }
        return Random.randBytes(sizeInBits / 8);
    }

    @Override
    public AesKey importKey(byte[] raw) throws GeneralSecurityException {
        Objects.requireNonNull(raw, "raw");
        return TinkAesKey.of(raw);
    }
}
