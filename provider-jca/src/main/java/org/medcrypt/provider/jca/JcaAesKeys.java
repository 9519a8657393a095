package org.medcrypt.provider.jca;

import java.security.GeneralSecurityException;
import java.util.Objects;
import org.medcrypt.spi.AesKey;
import org.medcrypt.spi.AesKeys;

/** AES keys as raw random bytes from the provider's one {@code SecureRandom}. */
final class JcaAesKeys implements AesKeys {

    private final LazyEngine engine;

    JcaAesKeys(LazyEngine engine) {
        this.engine = engine;
    }

    @Override
    public byte[] generate(int sizeInBits) throws GeneralSecurityException {
        if (sizeInBits != 128 && sizeInBits != 192 && sizeInBits != 256) {
            throw new GeneralSecurityException("AES keys are 128, 192 or 256 bits, not " + sizeInBits);
        }
        byte[] raw = new byte[sizeInBits / 8];
        engine.get().random().nextBytes(raw);
        return raw;
    }

    @Override
    public AesKey importKey(byte[] raw) throws GeneralSecurityException {
        Objects.requireNonNull(raw, "raw");
        if (raw.length != 16 && raw.length != 24 && raw.length != 32) {
            throw new GeneralSecurityException("an AES key is 16, 24 or 32 bytes, not " + raw.length);
        }
        return new JcaAesKey(engine.get().providerId(), raw);
    }
}
