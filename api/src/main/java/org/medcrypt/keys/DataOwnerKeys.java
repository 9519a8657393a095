package org.medcrypt.keys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.medcrypt.KeyException;
import org.medcrypt.internal.Der;
import org.medcrypt.internal.Hex;
import org.medcrypt.internal.ProviderCalls;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.RsaPrivateKey;
import org.medcrypt.spi.RsaPublicKey;

/**
 * The RSA key pairs a data owner holds: its current one and, after key rotation, older ones.
 * Private keys are parsed once by the provider and kept as handles.
 */
public final class DataOwnerKeys {

    /** One key pair: public key (SPKI hex), its fingerprint, and the provider handles. */
    public static final class OwnedKeyPair {
        private final String spkiHex;
        private final KeyFingerprint fingerprint;
        private final RsaPublicKey publicKey;
        private final RsaPrivateKey privateKey;

        private OwnedKeyPair(String spkiHex, RsaPublicKey publicKey, RsaPrivateKey privateKey) {
            this.spkiHex = spkiHex;
            this.fingerprint = KeyFingerprint.of(spkiHex);
            this.publicKey = publicKey;
            this.privateKey = privateKey;
        }

        public String spkiHex() {
            return spkiHex;
        }

        public KeyFingerprint fingerprint() {
            return fingerprint;
        }

        public RsaPublicKey publicKey() {
            return publicKey;
        }

        public RsaPrivateKey privateKey() {
            return privateKey;
        }

        @Override
        public String toString() {
            return "OwnedKeyPair[fingerprint=" + fingerprint + ", privateKey=<redacted>]";
        }
    }

    private final String partyId;
    private final List<OwnedKeyPair> keyPairs;

    private DataOwnerKeys(String partyId, List<OwnedKeyPair> keyPairs) {
        this.partyId = partyId;
        this.keyPairs = List.copyOf(keyPairs);
    }

    /**
     * Parses PKCS#8 (DER) private keys with {@code provider}; the public half of each is derived
     * from the private key. The caller keeps ownership of the arrays and may wipe them after.
     *
     * @throws KeyException if a key is not a valid RSA PKCS#8 key, or none is given
     */
    public static DataOwnerKeys fromPkcs8(String partyId, CryptoProvider provider, Collection<byte[]> pkcs8Keys) {
        Objects.requireNonNull(partyId, "partyId");
        Objects.requireNonNull(provider, "provider");
        if (pkcs8Keys.isEmpty()) {
            throw new KeyException("data owner '" + partyId + "' needs at least one private key");
        }
        List<OwnedKeyPair> pairs = new ArrayList<>();
        int index = 0;
        for (byte[] pkcs8 : pkcs8Keys) {
            String what = "private key #" + (++index) + " of '" + partyId + "'";
            byte[] spki = Der.rsaPublicKeyFromPkcs8(pkcs8);
            RsaPrivateKey privateKey =
                    ProviderCalls.importingKey(what, () -> provider.rsaOaep().importPrivateKey(pkcs8));
            RsaPublicKey publicKey =
                    ProviderCalls.importingKey(what + " (public half)", () -> provider.rsaOaep().importPublicKey(spki));
            pairs.add(new OwnedKeyPair(Hex.encode(spki), publicKey, privateKey));
        }
        return new DataOwnerKeys(partyId, pairs);
    }

    /** Same as {@link #fromPkcs8(String, CryptoProvider, Collection)} for one key. */
    public static DataOwnerKeys fromPkcs8(String partyId, CryptoProvider provider, byte[] pkcs8) {
        return fromPkcs8(partyId, provider, List.of(pkcs8));
    }

    public String partyId() {
        return partyId;
    }

    /** In the order given; the first is tried first. */
    public List<OwnedKeyPair> keyPairs() {
        return keyPairs;
    }

    public Optional<OwnedKeyPair> byFingerprint(KeyFingerprint fingerprint) {
        return keyPairs.stream().filter(pair -> pair.fingerprint().equals(fingerprint)).findFirst();
    }

    /** The key pairs, the one with {@code preferredSpkiHex} (if any) first. */
    public List<OwnedKeyPair> preferring(Optional<String> preferredSpkiHex) {
        List<OwnedKeyPair> ordered = new ArrayList<>(keyPairs);
        preferredSpkiHex.ifPresent(spki -> ordered.sort((a, b) ->
                Boolean.compare(!a.spkiHex().equalsIgnoreCase(spki), !b.spkiHex().equalsIgnoreCase(spki))));
        return ordered;
    }

    /** Destroys every private key handle. */
    public void destroy() {
        keyPairs.forEach(pair -> pair.privateKey().destroy());
    }

    @Override
    public String toString() {
        return "DataOwnerKeys[party=" + partyId + ", keys=" + Arrays.toString(
                keyPairs.stream().map(OwnedKeyPair::fingerprint).toArray()) + "]";
    }
}
