package org.medcrypt.provider.bouncycastle;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.CBCModeCipher;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.medcrypt.spi.AesCbc;
import org.medcrypt.spi.AesKey;

/**
 * AES-CBC with PKCS#7 padding done here around Bouncy Castle's bulk {@code processBlocks}, which
 * is what lets the native CBC engine run at full speed. A cipher object is made per call (they
 * are not thread-safe).
 *
 * <p>Decryption decrypts the last block first, so the padding is known before the output is
 * allocated and the plaintext is written once, straight into the array returned.
 */
final class BcAesCbc implements AesCbc {

    private static final int BLOCK = 16;
    private static final String FAILED = "AES-CBC decryption failed";

    private final BcSecureRandomSource random;

    BcAesCbc(BcSecureRandomSource random) {
        this.random = random;
    }

    /**
     * One cipher per thread: creating a native engine costs more than decrypting a delegation
     * (about 8x a raw JDK call for 48 bytes), and {@code init} fully resets it for each message.
     * A destroyed key is cleared from them.
     */
    private static final BcCbcCipherCache CIPHERS = new BcCbcCipherCache();

    /** Decrypting up to this many blocks goes in one pass through a scratch buffer. */
    private static final int SMALL_BLOCKS = 16;

    static CBCModeCipher newCipher() {
        return CBCBlockCipher.newInstance(AESEngine.newInstance());
    }

    @Override
    public byte[] encrypt(AesKey key, byte[] plaintext) throws GeneralSecurityException {
        BcAesKey k = BcAesKey.live(key);
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] out = new byte[IV_LENGTH + paddedLength(plaintext.length)];
        byte[] iv = random.bytes(IV_LENGTH);
        System.arraycopy(iv, 0, out, 0, IV_LENGTH);
        encrypt(k, iv, plaintext, out, IV_LENGTH);
        return out;
    }

    @Override
    public byte[] decrypt(AesKey key, byte[] ivAndCiphertext) throws GeneralSecurityException {
        BcAesKey k = BcAesKey.live(key);
        Objects.requireNonNull(ivAndCiphertext, "ivAndCiphertext");
        int length = ivAndCiphertext.length;
        if (length < IV_LENGTH + BLOCK || length % BLOCK != 0) {
            throw new GeneralSecurityException(FAILED);
        }
        return decrypt(k, ivAndCiphertext, 0, ivAndCiphertext, IV_LENGTH, length - IV_LENGTH);
    }

    @Override
    public byte[] encrypt(AesKey key, byte[] iv, byte[] plaintext) throws GeneralSecurityException {
        BcAesKey k = BcAesKey.live(key);
        checkIv(iv);
        Objects.requireNonNull(plaintext, "plaintext");
        byte[] out = new byte[paddedLength(plaintext.length)];
        encrypt(k, iv, plaintext, out, 0);
        return out;
    }

    @Override
    public byte[] decrypt(AesKey key, byte[] iv, byte[] ciphertext) throws GeneralSecurityException {
        BcAesKey k = BcAesKey.live(key);
        checkIv(iv);
        Objects.requireNonNull(ciphertext, "ciphertext");
        if (ciphertext.length == 0 || ciphertext.length % BLOCK != 0) {
            throw new GeneralSecurityException(FAILED);
        }
        return decrypt(k, iv, 0, ciphertext, 0, ciphertext.length);
    }

    private static void checkIv(byte[] iv) throws GeneralSecurityException {
        Objects.requireNonNull(iv, "iv");
        if (iv.length != IV_LENGTH) {
            throw new InvalidAlgorithmParameterException("AES-CBC IV must be 16 bytes, got " + iv.length);
        }
    }

    private static int paddedLength(int plaintextLength) {
        return (plaintextLength / BLOCK + 1) * BLOCK;
    }

    private static void encrypt(BcAesKey key, byte[] iv, byte[] plaintext, byte[] out, int outOff)
            throws GeneralSecurityException {
        int fullBlocks = plaintext.length / BLOCK;
        int rest = plaintext.length - fullBlocks * BLOCK;
        KeyParameter keyCopy = key.parameter();
        byte[] last = new byte[BLOCK];
        BcCbcCipherCache.Slot slot = CIPHERS.take(key);
        try {
            CBCModeCipher cipher = slot.cipher();
            cipher.init(true, new ParametersWithIV(keyCopy, iv));
            if (fullBlocks > 0) {
                cipher.processBlocks(plaintext, 0, fullBlocks, out, outOff);
            }
            System.arraycopy(plaintext, fullBlocks * BLOCK, last, 0, rest);
            Arrays.fill(last, rest, BLOCK, (byte) (BLOCK - rest));
            cipher.processBlock(last, 0, out, outOff + fullBlocks * BLOCK);
        } catch (RuntimeException e) {
            slot.discard();
            throw new GeneralSecurityException("AES-CBC encryption failed");
        } finally {
            slot.release();
            Arrays.fill(last, (byte) 0);
            BcAesKey.wipe(keyCopy);
        }
    }

    /** Short messages (delegations, small fields): one init, one pass, then the padding check. */
    private static byte[] decryptSmall(BcAesKey key, byte[] iv, int ivOff, byte[] in, int off, int length)
            throws GeneralSecurityException {
        KeyParameter keyCopy = key.parameter();
        byte[] scratch = new byte[length];
        BcCbcCipherCache.Slot slot = CIPHERS.take(key);
        try {
            CBCModeCipher cipher = slot.cipher();
            cipher.init(false, new ParametersWithIV(keyCopy, iv, ivOff, IV_LENGTH));
            cipher.processBlocks(in, off, length / BLOCK, scratch, 0);
            byte[] lastBlock = Arrays.copyOfRange(scratch, length - BLOCK, length);
            int pad = paddingLength(lastBlock);
            Arrays.fill(lastBlock, (byte) 0);
            if (pad < 0) {
                throw new GeneralSecurityException(FAILED);
            }
            return Arrays.copyOf(scratch, length - pad);
        } catch (RuntimeException e) {
            slot.discard();
            throw new GeneralSecurityException(FAILED);
        } finally {
            slot.release();
            Arrays.fill(scratch, (byte) 0);
            BcAesKey.wipe(keyCopy);
        }
    }

    /** {@code length} is a positive multiple of 16 (checked by the callers). */
    private static byte[] decrypt(BcAesKey key, byte[] iv, int ivOff, byte[] in, int off, int length)
            throws GeneralSecurityException {
        int blocks = length / BLOCK;
        int lastOff = off + length - BLOCK;
        if (blocks <= SMALL_BLOCKS) {
            return decryptSmall(key, iv, ivOff, in, off, length);
        }
        KeyParameter keyCopy = key.parameter();
        byte[] last = new byte[BLOCK];
        BcCbcCipherCache.Slot slot = CIPHERS.take(key);
        try {
            CBCModeCipher cipher = slot.cipher();
            // The last block's "IV" is the ciphertext block before it (or the IV for one block).
            if (blocks == 1) {
                cipher.init(false, new ParametersWithIV(keyCopy, iv, ivOff, IV_LENGTH));
            } else {
                cipher.init(false, new ParametersWithIV(keyCopy, in, lastOff - BLOCK, BLOCK));
            }
            cipher.processBlock(in, lastOff, last, 0);
            int pad = paddingLength(last);
            if (pad < 0) {
                throw new GeneralSecurityException(FAILED);
            }
            byte[] out = new byte[length - pad];
            if (blocks > 1) {
                cipher.init(false, new ParametersWithIV(keyCopy, iv, ivOff, IV_LENGTH));
                cipher.processBlocks(in, off, blocks - 1, out, 0);
            }
            System.arraycopy(last, 0, out, length - BLOCK, BLOCK - pad);
            return out;
        } catch (RuntimeException e) {
            slot.discard();
            throw new GeneralSecurityException(FAILED);
        } finally {
            slot.release();
            Arrays.fill(last, (byte) 0);
            BcAesKey.wipe(keyCopy);
        }
    }

    /**
     * The PKCS#7 padding length of the decrypted last block, or -1 when the padding is invalid.
     * Branch-free over the block, so the time taken does not depend on where the padding breaks.
     */
    static int paddingLength(byte[] block) {
        int pad = block[BLOCK - 1] & 0xff;
        // bad != 0 when pad == 0 or pad > 16
        int bad = ((pad - 1) >>> 31) | ((BLOCK - pad) >>> 31);
        for (int i = 0; i < BLOCK; i++) {
            // inPad is all ones when position i lies inside the claimed padding
            int inPad = ((BLOCK - 1 - i) - pad) >> 31;
            bad |= inPad & ((block[i] & 0xff) ^ pad);
        }
        // bad == 0 ? pad : -1
        int ok = ((bad | -bad) >> 31) ^ -1;
        return (pad & ok) | ~ok;
    }
}
