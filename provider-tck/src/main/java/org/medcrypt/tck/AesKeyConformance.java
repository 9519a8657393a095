package org.medcrypt.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medcrypt.spi.AesKey;
import org.medcrypt.spi.AesKeys;

/** AES key generation and import, key handles: sizes, copies, destruction, foreign handles. */
public abstract class AesKeyConformance extends ConformanceSection {

    @ParameterizedTest(name = "generate({0})")
    @ValueSource(ints = {128, 192, 256})
    void generatesFreshKeysOfEachSize(int bits) throws GeneralSecurityException {
        AesKeys keys = p().aesKeys();
        byte[] a = keys.generate(bits);
        byte[] b = keys.generate(bits);
        assertThat(a).hasSize(bits / 8);
        assertThat(b).hasSize(bits / 8);
        assertThat(a).as("two generated keys").isNotEqualTo(b);
        assertThat(a).isNotEqualTo(new byte[bits / 8]);
        assertThat(keys.importKey(a).sizeInBits()).isEqualTo(bits);
    }

    @ParameterizedTest(name = "generate({0}) is refused")
    @ValueSource(ints = {0, -128, 64, 100, 127, 129, 160, 224, 255, 257, 384, 512})
    void refusesToGenerateOtherSizes(int bits) {
        assertGse("generate(" + bits + ")", () -> p().aesKeys().generate(bits));
    }

    @ParameterizedTest(name = "importKey({0} bytes)")
    @ValueSource(ints = {16, 24, 32})
    void importsKeysOfEachSize(int length) throws GeneralSecurityException {
        AesKey key = p().aesKeys().importKey(randomBytes(length));
        assertThat(key.sizeInBits()).isEqualTo(length * 8);
    }

    @ParameterizedTest(name = "importKey({0} bytes) is refused")
    @ValueSource(ints = {0, 1, 8, 15, 17, 23, 25, 31, 33, 48, 64})
    void refusesKeysOfOtherSizes(int length) {
        byte[] raw = randomBytes(length);
        GeneralSecurityException e = assertGse("importKey of " + length + " bytes", () -> p().aesKeys().importKey(raw));
        if (length >= 15) {
            assertNoSecretIn(e, raw);
        }
    }

    @Test
    void handleKeepsItsOwnCopyOfTheKeyBytes() throws GeneralSecurityException {
        byte[] raw = randomBytes(32);
        byte[] iv = randomBytes(16);
        byte[] nonce = randomBytes(12);
        byte[] pt = randomBytes(40);
        AesKey key = p().aesKeys().importKey(raw);
        byte[] cbcBefore = p().aesCbc().encrypt(key, iv, pt);
        byte[] gcmBefore = p().aesGcm().encryptWithNonce(key, nonce, pt, new byte[0]);
        Arrays.fill(raw, (byte) 0);
        assertThat(p().aesCbc().encrypt(key, iv, pt)).as("CBC after the caller wiped the raw key").isEqualTo(cbcBefore);
        assertThat(p().aesGcm().encryptWithNonce(key, nonce, pt, new byte[0]))
                .as("GCM after the caller wiped the raw key")
                .isEqualTo(gcmBefore);
    }

    @Test
    void generatedBytesAreTheCallersOwn() throws GeneralSecurityException {
        byte[] raw = p().aesKeys().generate(256);
        byte[] copy = raw.clone();
        AesKey key = p().aesKeys().importKey(raw);
        byte[] iv = randomBytes(16);
        byte[] ct = p().aesCbc().encrypt(key, iv, new byte[16]);
        Arrays.fill(raw, (byte) 0);
        assertThat(p().aesCbc().encrypt(p().aesKeys().importKey(copy), iv, new byte[16])).isEqualTo(ct);
    }

    @Test
    void toStringDoesNotRevealTheKey() throws GeneralSecurityException {
        for (int length : new int[] {16, 24, 32}) {
            byte[] raw = randomBytes(length);
            AesKey key = p().aesKeys().importKey(raw);
            assertNoSecretIn("AesKey.toString()", String.valueOf(key), raw);
        }
    }

    @Test
    void destroyedKeyCannotBeUsed() throws GeneralSecurityException {
        AesKey key = aesKey(256);
        byte[] iv = randomBytes(16);
        byte[] nonce = randomBytes(12);
        byte[] cbc = p().aesCbc().encrypt(key, new byte[20]);
        byte[] gcm = p().aesGcm().encrypt(key, new byte[20], new byte[0]);
        key.destroy();
        assertRefusesDestroyed("aesCbc().encrypt", () -> p().aesCbc().encrypt(key, new byte[20]));
        assertRefusesDestroyed("aesCbc().encrypt(iv)", () -> p().aesCbc().encrypt(key, iv, new byte[20]));
        assertRefusesDestroyed("aesCbc().decrypt", () -> p().aesCbc().decrypt(key, cbc));
        assertRefusesDestroyed("aesGcm().encrypt", () -> p().aesGcm().encrypt(key, new byte[20], new byte[0]));
        assertRefusesDestroyed(
                "aesGcm().encryptWithNonce", () -> p().aesGcm().encryptWithNonce(key, nonce, new byte[20], new byte[0]));
        assertRefusesDestroyed("aesGcm().decrypt", () -> p().aesGcm().decrypt(key, gcm, new byte[0]));
    }

    /**
     * {@link AesKey#destroy()} says "any later use throws" without naming the exception: a
     * {@code GeneralSecurityException} (like every other crypto failure of the SPI) or an
     * {@code IllegalStateException} (the {@code Destroyable} convention) are both accepted;
     * anything else (a {@code NullPointerException} from a nulled field, or success) is not.
     */
    private static void assertRefusesDestroyed(String what, ThrowingCallable call) {
        Throwable t = catchThrowable(call);
        assertThat(t)
                .as("%s with a destroyed key must throw GeneralSecurityException or IllegalStateException", what)
                .isInstanceOfAny(GeneralSecurityException.class, IllegalStateException.class);
    }

    @Test
    void foreignKeyHandleIsRefusedWithGeneralSecurityException() {
        AesKey foreign = new ForeignAesKey(256);
        byte[] iv = randomBytes(16);
        byte[] nonce = randomBytes(12);
        assertGse("aesCbc().encrypt with a foreign AesKey", () -> p().aesCbc().encrypt(foreign, new byte[20]));
        assertGse("aesCbc().encrypt(iv) with a foreign AesKey", () -> p().aesCbc().encrypt(foreign, iv, new byte[20]));
        assertGse("aesCbc().decrypt with a foreign AesKey", () -> p().aesCbc().decrypt(foreign, new byte[48]));
        assertGse("aesCbc().decrypt(iv) with a foreign AesKey", () -> p().aesCbc().decrypt(foreign, iv, new byte[32]));
        assertGse("aesGcm().encrypt with a foreign AesKey", () -> p().aesGcm().encrypt(foreign, new byte[20], new byte[0]));
        assertGse(
                "aesGcm().encryptWithNonce with a foreign AesKey",
                () -> p().aesGcm().encryptWithNonce(foreign, nonce, new byte[20], new byte[0]));
        assertGse("aesGcm().decrypt with a foreign AesKey", () -> p().aesGcm().decrypt(foreign, new byte[60], new byte[0]));
        assertGse(
                "aesGcm().decryptWithNonce with a foreign AesKey",
                () -> p().aesGcm().decryptWithNonce(foreign, nonce, new byte[48], new byte[0]));
    }

    /** An {@link AesKey} no provider made: a provider must refuse it, not cast it. */
    static final class ForeignAesKey implements AesKey {
        private final int bits;

        ForeignAesKey(int bits) {
            this.bits = bits;
        }

        @Override
        public int sizeInBits() {
            return bits;
        }

        @Override
        public void destroy() {}

        @Override
        public String toString() {
            return "ForeignAesKey[" + bits + "]";
        }
    }
}
