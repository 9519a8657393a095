package org.medcrypt.benchmarks;

import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.spec.IvParameterSpec;

/**
 * The two AES modes benchmarked. CBC uses a 128-bit key, as suite v1's {@code encryptedSelf}
 * does (a UUID content key), so the SPI, api and raw rows compare the same work; GCM uses a
 * 256-bit key, as suite v2 does.
 */
public enum AesMode {
    CBC("AES/CBC/PKCS5Padding", 16, 16),
    GCM("AES/GCM/NoPadding", 32, 12);

    private final String transformation;
    private final int keyBytes;
    private final int ivLength;

    AesMode(String transformation, int keyBytes, int ivLength) {
        this.transformation = transformation;
        this.keyBytes = keyBytes;
        this.ivLength = ivLength;
    }

    public String transformation() {
        return transformation;
    }

    public int keyBytes() {
        return keyBytes;
    }

    public int ivLength() {
        return ivLength;
    }

    /** The IV or nonce spec read from the first bytes of {@code source} at {@code offset}. */
    AlgorithmParameterSpec parameters(byte[] source, int offset) {
        return this == CBC ? new IvParameterSpec(source, offset, 16) : RawJceScenario.gcm(source, offset);
    }
}
