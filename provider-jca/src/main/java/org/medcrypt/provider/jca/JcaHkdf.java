package org.medcrypt.provider.jca;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import org.medcrypt.spi.Hkdf;

/**
 * HKDF-SHA-256 (RFC 5869) written here over the provider's {@code Mac "HmacSHA256"} (SunJCE for
 * {@code jca}, Conscrypt's for {@code conscrypt}): Java 17 has no HKDF API. Extract is one HMAC
 * keyed with the salt (32 zero bytes when it is empty); expand chains {@code T(i) = HMAC(PRK,
 * T(i-1) ‖ info ‖ i)}.
 *
 * <p>The {@code Mac} is made per call rather than cached per thread, so that its key schedule
 * (derived from the pseudorandom key) does not outlive the call in a thread-local. The salt and
 * pseudorandom key are held in {@link HmacSha256Key}s that are wiped before returning, and so is
 * every intermediate block.
 */
final class JcaHkdf implements Hkdf {

    private static final int HASH_LENGTH = 32;

    private final LazyEngine engine;

    JcaHkdf(LazyEngine engine) {
        this.engine = engine;
    }

    @Override
    public byte[] sha256(byte[] inputKeyMaterial, byte[] salt, byte[] info, int length) throws GeneralSecurityException {
        Objects.requireNonNull(inputKeyMaterial, "inputKeyMaterial");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(info, "info");
        checkLength(length);
        Mac mac = Mac.getInstance(JcaEngine.HMAC_SHA256, engine.get().hmacSha256());
        HmacSha256Key saltKey = new HmacSha256Key(salt.length == 0 ? new byte[HASH_LENGTH] : salt.clone());
        HmacSha256Key prk = null;
        byte[] block = new byte[0];
        try {
            mac.init(saltKey);
            prk = new HmacSha256Key(mac.doFinal(inputKeyMaterial));
            mac.init(prk);
            byte[] out = new byte[length];
            for (int counter = 1, offset = 0; offset < length; counter++) {
                mac.update(block);
                mac.update(info);
                mac.update((byte) counter);
                Arrays.fill(block, (byte) 0);
                block = mac.doFinal();
                int n = Math.min(HASH_LENGTH, length - offset);
                System.arraycopy(block, 0, out, offset, n);
                offset += n;
            }
            return out;
        } finally {
            Arrays.fill(block, (byte) 0);
            saltKey.destroy();
            if (prk != null) {
                prk.destroy();
            }
        }
    }

    /** The one length check of every provider's HKDF, with one message. */
    static void checkLength(int length) throws GeneralSecurityException {
        if (length < 1 || length > MAX_OUTPUT_LENGTH) {
            throw new GeneralSecurityException("HKDF-SHA-256 derives 1 to " + MAX_OUTPUT_LENGTH + " bytes, not " + length);
        }
    }
}
