package org.medcrypt.provider.bouncycastle;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import org.medcrypt.spi.AesKey;
import org.medcrypt.spi.AesKeys;

/** AES key generation from the provider's DRBG, and import into {@link BcAesKey} handles. */
final class BcAesKeys implements AesKeys {

    private final BcSecureRandomSource random;

    BcAesKeys(BcSecureRandomSource random) {
        this.random = random;
    }

    @Override
    public byte[] generate(int sizeInBits) throws GeneralSecurityException {
        if (sizeInBits != 128 && sizeInBits != 192 && sizeInBits != 256) {
            throw new InvalidAlgorithmParameterException(
                    "AES key size must be 128, 192 or 256 bits, got " + sizeInBits);
        }
        return random.bytes(sizeInBits / 8);
    }

    @Override
    public AesKey importKey(byte[] raw) throws GeneralSecurityException {
        return BcAesKey.of(raw);
    }
}
