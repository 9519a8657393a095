package org.medcrypt.provider.tink;

import com.google.crypto.tink.subtle.EngineFactory;
import java.security.GeneralSecurityException;
import java.util.Objects;
import org.medcrypt.spi.Hkdf;

/**
 * HKDF-SHA-256 with Tink's own RFC 5869 code, {@code subtle.Hkdf.computeHkdf("HMACSHA256", ...)},
 * which runs its HMAC on a JCA {@code Mac} from Tink's {@link EngineFactory} (Conscrypt's if
 * installed, else the JDK's SunJCE). Tink uses 32 zero bytes for an empty salt, as RFC 5869 says.
 * The length is checked here, with the same message as every other provider.
 */
final class TinkHkdf implements Hkdf {

    static final String MAC_ALGORITHM = "HMACSHA256";

    @Override
    public byte[] sha256(byte[] inputKeyMaterial, byte[] salt, byte[] info, int length) throws GeneralSecurityException {
        Objects.requireNonNull(inputKeyMaterial, "inputKeyMaterial");
        Objects.requireNonNull(salt, "salt");
        Objects.requireNonNull(info, "info");
        if (length < 1 || length > MAX_OUTPUT_LENGTH) {
            throw new GeneralSecurityException("HKDF-SHA-256 derives 1 to " + MAX_OUTPUT_LENGTH + " bytes, not " + length);
        }
        return com.google.crypto.tink.subtle.Hkdf.computeHkdf(MAC_ALGORITHM, inputKeyMaterial, salt, info, length);
    }
}
