package org.medcrypt.provider.bouncycastle;

import java.security.GeneralSecurityException;
import java.util.Objects;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.medcrypt.spi.Hkdf;

/**
 * HKDF-SHA-256 with Bouncy Castle's {@link HKDFBytesGenerator} (RFC 5869 extract and expand over
 * its {@code HMac}) on {@link SHA256Digest#newInstance()}, which is Bouncy Castle's native SHA-256
 * where the LTS jar loads it. An empty salt is given to Bouncy Castle as "no salt", which it
 * replaces by 32 zero bytes as RFC 5869 says. The generator is made per call (it is stateful).
 */
final class BcHkdf implements Hkdf {

    @Override
    public byte[] sha256(byte[] inputKeyMaterial, byte[] salt, byte[] info, int length) throws GeneralSecurityException {
        Objects.requireNonNull(inputKeyMaterial, "inputKeyMaterial");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(info, "info");
        if (length < 1 || length > MAX_OUTPUT_LENGTH) {
            throw new GeneralSecurityException("HKDF-SHA-256 derives 1 to " + MAX_OUTPUT_LENGTH + " bytes, not " + length);
        }
        HKDFBytesGenerator generator = new HKDFBytesGenerator(newDigest());
        generator.init(new HKDFParameters(inputKeyMaterial, salt.length == 0 ? null : salt, info));
        byte[] out = new byte[length];
        try {
            generator.generateBytes(out, 0, length);
        } catch (RuntimeException e) {
            throw new GeneralSecurityException("HKDF-SHA-256 failed");
        }
        return out;
    }

    static Digest newDigest() {
        return SHA256Digest.newInstance();
    }
}
