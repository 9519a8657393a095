package org.medcrypt.internal;

import java.util.UUID;
import org.medcrypt.spi.SecureRandomSource;

/** Random version-4 UUID strings drawn from the provider's secure random source. */
public final class RandomIds {

    private RandomIds() {
    }

    public static String uuid(SecureRandomSource random) {
        byte[] bytes = random.bytes(16);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        long most = 0;
        long least = 0;
        for (int i = 0; i < 8; i++) {
            most = (most << 8) | (bytes[i] & 0xff);
            least = (least << 8) | (bytes[8 + i] & 0xff);
        }
        java.util.Arrays.fill(bytes, (byte) 0);
        return new UUID(most, least).toString();
    }
}
