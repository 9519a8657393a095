package org.medcrypt.internal;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import org.medcrypt.KeyException;

/**
 * The few DER operations medcrypt needs without a crypto library: deriving an RSA public key
 * (SubjectPublicKeyInfo) from a PKCS#8 private key, so a data owner who exported only its
 * private key (as iCure does) can still be matched to the fingerprints in {@code aesExchangeKeys}.
 */
public final class Der {

    // AlgorithmIdentifier { rsaEncryption, NULL }
    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00
    };

    // PKCS#8 v1 PrivateKeyInfo { version 0, { id-Ed25519 }, OCTET STRING { OCTET STRING seed } } (RFC 8410)
    private static final byte[] ED25519_PKCS8_PREFIX = {
        0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20
    };

    private Der() {
    }

    /** Whether {@code pkcs8} is an RFC 8410 Ed25519 private key (v1, without the public key). */
    public static boolean isEd25519Pkcs8(byte[] pkcs8) {
        return pkcs8.length == ED25519_PKCS8_PREFIX.length + 32
                && Arrays.equals(pkcs8, 0, ED25519_PKCS8_PREFIX.length, ED25519_PKCS8_PREFIX, 0, ED25519_PKCS8_PREFIX.length);
    }

    /** The 32-byte seed of an Ed25519 PKCS#8 key; the caller owns (and wipes) the result. */
    public static byte[] ed25519Seed(byte[] pkcs8) {
        if (!isEd25519Pkcs8(pkcs8)) {
            throw new KeyException("the private key is not an RFC 8410 Ed25519 PKCS#8 key");
        }
        return Arrays.copyOfRange(pkcs8, ED25519_PKCS8_PREFIX.length, pkcs8.length);
    }

    /** The RFC 8410 PKCS#8 encoding of an Ed25519 seed; the caller owns (and wipes) the result. */
    public static byte[] ed25519Pkcs8(byte[] seed) {
        byte[] out = Arrays.copyOf(ED25519_PKCS8_PREFIX, ED25519_PKCS8_PREFIX.length + seed.length);
        System.arraycopy(seed, 0, out, ED25519_PKCS8_PREFIX.length, seed.length);
        return out;
    }

    /** Builds the SPKI of the public half of an RSA PKCS#8 private key. Does not keep the input. */
    public static byte[] rsaPublicKeyFromPkcs8(byte[] pkcs8) {
        try {
            Reader info = new Reader(pkcs8, 0, pkcs8.length).sequence();
            info.skip(0x02); // version
            Reader algorithm = info.sequence();
            byte[] oid = algorithm.value(0x06);
            if (!Arrays.equals(oid, Arrays.copyOfRange(RSA_ALGORITHM, 4, 13))) {
                throw new KeyException("the private key is not an RSA key (PKCS#8 algorithm is not rsaEncryption)");
            }
            Reader rsa = info.octetString().sequence();
            rsa.skip(0x02); // version
            byte[] modulus = rsa.value(0x02);
            byte[] exponent = rsa.value(0x02);
            byte[] publicKey = tlv(0x30, concat(tlv(0x02, modulus), tlv(0x02, exponent)));
            byte[] bitString = concat(new byte[] {0}, publicKey);
            return tlv(0x30, concat(RSA_ALGORITHM, tlv(0x03, bitString)));
        } catch (IndexOutOfBoundsException | IllegalStateException e) {
            throw new KeyException("the private key is not a valid PKCS#8 DER encoding");
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = value.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = length > 0xffff ? 3 : length > 0xff ? 2 : 1;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write(length >> (8 * i));
            }
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    /** A cursor over the contents of one constructed DER value. */
    private static final class Reader {
        private final byte[] data;
        private int position;
        private final int end;

        Reader(byte[] data, int start, int end) {
            this.data = data;
            this.position = start;
            this.end = end;
        }

        Reader sequence() {
            int[] bounds = next(0x30);
            return new Reader(data, bounds[0], bounds[1]);
        }

        Reader octetString() {
            int[] bounds = next(0x04);
            return new Reader(data, bounds[0], bounds[1]);
        }

        byte[] value(int tag) {
            int[] bounds = next(tag);
            return Arrays.copyOfRange(data, bounds[0], bounds[1]);
        }

        void skip(int tag) {
            next(tag);
        }

        private int[] next(int tag) {
            if (position >= end || (data[position] & 0xff) != tag) {
                throw new IllegalStateException("unexpected DER tag");
            }
            position++;
            int length = data[position++] & 0xff;
            if (length >= 0x80) {
                int count = length & 0x7f;
                if (count == 0 || count > 3) {
                    throw new IllegalStateException("unsupported DER length");
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (data[position++] & 0xff);
                }
            }
            int start = position;
            position += length;
            if (position > end) {
                throw new IllegalStateException("DER value overruns its container");
            }
            return new int[] {start, position};
        }
    }
}
