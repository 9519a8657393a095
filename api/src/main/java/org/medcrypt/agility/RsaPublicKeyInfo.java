package org.medcrypt.agility;

import java.util.Optional;
import org.medcrypt.internal.Hex;

/**
 * The modulus size of an RSA public key given as SubjectPublicKeyInfo hex, read from its DER
 * without any crypto library: {@code SEQUENCE { SEQUENCE { rsaEncryption, NULL }, BIT STRING {
 * SEQUENCE { INTEGER n, INTEGER e } } }}.
 */
final class RsaPublicKeyInfo {

    private RsaPublicKeyInfo() {
    }

    /** The modulus bit length, or empty if {@code spkiHex} is not an RSA SubjectPublicKeyInfo. */
    static Optional<Integer> modulusBits(String spkiHex) {
        byte[] der = Hex.decodeOrNull(spkiHex);
        if (der == null) {
            return Optional.empty();
        }
        try {
            Cursor spki = new Cursor(der, 0, der.length).enter(0x30);
            Cursor algorithm = spki.enter(0x30);
            Cursor bitString = spki.enter(0x03);
            if (algorithm.remaining() < 11 || bitString.remaining() < 1 || der[bitString.position] != 0) {
                return Optional.empty();
            }
            bitString.position++; // unused-bits byte
            Cursor key = bitString.enter(0x30);
            Cursor modulus = key.enter(0x02);
            int start = modulus.position;
            while (start < modulus.end && der[start] == 0) {
                start++;
            }
            if (start == modulus.end) {
                return Optional.empty();
            }
            int bits = (modulus.end - start - 1) * 8 + (32 - Integer.numberOfLeadingZeros(der[start] & 0xff));
            return Optional.of(bits);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A position in a DER buffer, within one value's contents. */
    private static final class Cursor {
        private final byte[] der;
        private int position;
        private final int end;

        Cursor(byte[] der, int position, int end) {
            this.der = der;
            this.position = position;
            this.end = end;
        }

        int remaining() {
            return end - position;
        }

        /** The contents of the next value, which must have {@code tag}; moves past it. */
        Cursor enter(int tag) {
            if (position + 2 > end || (der[position] & 0xff) != tag) {
                throw new IllegalArgumentException("unexpected DER");
            }
            int lengthByte = der[position + 1] & 0xff;
            int at = position + 2;
            int length;
            if (lengthByte < 0x80) {
                length = lengthByte;
            } else {
                int count = lengthByte & 0x7f;
                if (count == 0 || count > 3 || at + count > end) {
                    throw new IllegalArgumentException("unexpected DER length");
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (der[at++] & 0xff);
                }
            }
            if (at + length > end) {
                throw new IllegalArgumentException("truncated DER");
            }
            position = at + length;
            return new Cursor(der, at, at + length);
        }
    }
}
