package org.medcrypt.internal.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.medcrypt.internal.Hex;
import org.medcrypt.internal.ProviderCalls;
import org.medcrypt.internal.RandomIds;
import org.medcrypt.internal.keys.ContentKey;
import org.medcrypt.internal.keys.PairKey;
import org.medcrypt.internal.keys.PairKeyCandidate;
import org.medcrypt.internal.keys.PairKeyId;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.PairKeyEntry;
import org.medcrypt.spi.AesKey;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.OaepParameters;
import org.medcrypt.spi.Suite;

/**
 * iCure's format, byte for byte (see {@code ../shared/spec/wire-format.md}): small keys are
 * {@code hex(IV ‖ AES-CBC_{pair key}(entityId + ":" + value))}, {@code encryptedSelf} is
 * {@code base64(IV ‖ AES-CBC_{content key}(JSON))} with UUID content keys, pair keys are wrapped
 * with RSA-OAEP SHA-1 and stored in {@code hcPartyKeys} and {@code aesExchangeKeys}.
 *
 * <p>medcrypt adds one thing iCure's SDK ignores: the owner's signature of each pair key it
 * creates, in {@code medcryptPairKeys}. Nothing in a v1 value is authenticated; see the README.
 */
public final class V1IcureFormat implements WireFormat {

    /** A v1 key opens any encryptedSelf of its entity: nothing binds it to one value. */
    private static final byte[] NO_BINDING = {};

    private static final byte[] NO_LABEL = new byte[0];
    private static final String HC_PARTY_KEYS_OWNER = "hcPartyKeys[0]";
    private static final String HC_PARTY_KEYS_DELEGATE = "hcPartyKeys[1]";

    private final CryptoProvider provider;

    public V1IcureFormat(CryptoProvider provider) {
        this.provider = provider;
    }

    @Override
    public Suite suite() {
        return Suite.V1_ICURE;
    }

    @Override
    public String label() {
        return "v1";
    }

    @Override
    public boolean recognises(String value) {
        return !V2Envelope.looksLikeOne(value);
    }

    @Override
    public String newEntityKey() {
        return RandomIds.uuid(provider.random());
    }

    @Override
    public String encryptSmallKey(PairKey key, ValueRole role, ValueContext context, String value) {
        byte[] plaintext = (context.entityId() + ":" + value).getBytes(StandardCharsets.UTF_8);
        try {
            return Hex.encode(ProviderCalls.encrypting("delegation encryption",
                    () -> provider.aesCbc().encrypt(key.aesKey(), plaintext)));
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    @Override
    public Optional<SealedValue> parseSmallKey(String value, ValueRole role) {
        byte[] ciphertext = Hex.decodeOrNull(value);
        return ciphertext == null ? Optional.empty() : Optional.of(new SealedValue(ciphertext, Optional.empty()));
    }

    /** Checks the {@code entityId:} prefix, which is all that stops a value copied from another entity. */
    @Override
    public Optional<String> decryptSmallKey(PairKey key, ValueRole role, ValueContext context, SealedValue sealed) {
        byte[] plaintext;
        try {
            plaintext = provider.aesCbc().decrypt(key.aesKey(), sealed.bytes());
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
        try {
            String text = decodeStrictly(plaintext);
            int colon = text.indexOf(':');
            if (colon < 0 || !text.substring(0, colon).equals(context.entityId()) || colon == text.length() - 1) {
                return Optional.empty();
            }
            return Optional.of(text.substring(colon + 1));
        } catch (CharacterCodingException e) {
            return Optional.empty();
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    @Override
    public Optional<String> pairKeyIdOf(String value) {
        return Optional.empty();
    }

    @Override
    public String encryptContent(String contentKey, EntityType type, String entityId, byte[] json) {
        AesKey key = importContentKey(contentKey).orElseThrow(() ->
                new IllegalArgumentException("a v1 content key is a UUID or 32 or 64 hex digits"));
        try {
            return Base64.getEncoder().encodeToString(ProviderCalls.encrypting("encryptedSelf encryption",
                    () -> provider.aesCbc().encrypt(key, json)));
        } finally {
            key.destroy();
        }
    }

    @Override
    public Optional<SealedValue> parseContent(String value) {
        try {
            return Optional.of(new SealedValue(Base64.getDecoder().decode(value), Optional.empty()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<ContentKey> contentKey(String contentKey, EntityType type, String entityId, SealedValue sealed) {
        // a value of the wrong shape does not open the data; saying so apart would tell an
        // attacker who flips bits which characters of the key are hex
        return importContentKey(contentKey).map(key -> new ContentKey(key, NO_BINDING));
    }

    @Override
    public byte[] contentBinding(SealedValue sealed) {
        return NO_BINDING;
    }

    @Override
    public Optional<byte[]> decryptContent(ContentKey key, EntityType type, String entityId, SealedValue sealed) {
        try {
            return Optional.of(provider.aesCbc().decrypt(key.aesKey(), sealed.bytes()));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** True if {@code value} is standard base64, the only shape a v1 encryptedSelf has. */
    public static boolean isBase64(String value) {
        try {
            Base64.getDecoder().decode(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Optional<AesKey> importContentKey(String contentKey) {
        String hex = contentKey.length() == 36 ? contentKey.replace("-", "") : contentKey;
        if ((hex.length() != 32 && hex.length() != 64) || !Hex.isHex(hex)) {
            return Optional.empty();
        }
        byte[] raw = Hex.decode(hex, "content key");
        try {
            return Optional.of(ProviderCalls.importingKey("content key", () -> provider.aesKeys().importKey(raw)));
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    // ---------------------------------------------------------------- pair keys

    @Override
    public OaepParameters wrapping() {
        return OaepParameters.SHA1_MGF1_SHA1;
    }

    @Override
    public byte[] wrappingLabel(String keyId, String owner, String delegate) {
        return NO_LABEL;
    }

    @Override
    public String encodeWrapped(byte[] rsaCiphertext) {
        return Hex.encode(rsaCiphertext);
    }

    @Override
    public Optional<byte[]> decodeWrapped(String wrapped) {
        if (wrapped.isEmpty() || wrapped.length() % 2 != 0 || !Hex.isHex(wrapped)) {
            return Optional.empty();
        }
        return Optional.of(Hex.decode(wrapped, "wrapped pair key"));
    }

    /**
     * Signed {@code medcryptPairKeys} entries first, then iCure's {@code aesExchangeKeys} (the
     * owner's current key first), then {@code hcPartyKeys}, then keys medcrypt displaced. A copy
     * that a signed entry covers is listed once, with the entry.
     */
    @Override
    public List<PairKeyCandidate> candidates(HealthcareParty owner, String delegate, String reader) {
        String ownerId = owner.id();
        boolean asOwner = reader.equals(ownerId);
        boolean asDelegate = reader.equals(delegate);
        List<PairKeyCandidate> out = new ArrayList<>(4);
        Set<String> seen = new HashSet<>(4);
        List<PairKeyEntry> entries = owner.pairKeyEntries(delegate);
        for (PairKeyEntry entry : entries) {
            if (!entry.suite().equals(label()) || entry.isDisplaced()) {
                continue;
            }
            KeyFingerprint ownerKey = new KeyFingerprint(entry.ownerKey());
            if (asOwner && seen.add(entry.forOwner())) {
                out.add(new PairKeyCandidate(id(ownerId, delegate, ownerKey, entry.forOwner()),
                        Optional.of(ownerKey), Optional.of(entry)));
            }
            if (asDelegate && seen.add(entry.forDelegate())) {
                out.add(new PairKeyCandidate(id(ownerId, delegate, ownerKey, entry.forDelegate()),
                        Optional.of(new KeyFingerprint(entry.delegateKey())), Optional.of(entry)));
            }
        }
        Optional<String> currentSpki = owner.publicKey();
        Map<String, Map<String, Map<String, String>>> exchangeKeys = owner.aesExchangeKeys();
        currentSpki.map(exchangeKeys::get).ifPresent(byDelegate ->
                addExchangeCopies(out, seen, ownerId, delegate, currentSpki.get(), byDelegate));
        for (Map.Entry<String, Map<String, Map<String, String>>> byOwnerKey : exchangeKeys.entrySet()) {
            if (currentSpki.isEmpty() || !byOwnerKey.getKey().equals(currentSpki.get())) {
                addExchangeCopies(out, seen, ownerId, delegate, byOwnerKey.getKey(), byOwnerKey.getValue());
            }
        }
        KeyFingerprint currentKey = currentSpki.filter(spki -> spki.length() >= KeyFingerprint.LENGTH)
                .map(KeyFingerprint::of).orElse(new KeyFingerprint("unknown"));
        List<String> legacy = owner.hcPartyKeys().get(delegate);
        if (legacy != null) {
            if (asOwner && seen.add(legacy.get(0))) {
                out.add(new PairKeyCandidate(id(ownerId, delegate, currentKey, legacy.get(0)), Optional.empty(), Optional.empty()));
            }
            if (asDelegate && seen.add(legacy.get(1))) {
                out.add(new PairKeyCandidate(id(ownerId, delegate, currentKey, legacy.get(1)), Optional.empty(), Optional.empty()));
            }
        }
        for (PairKeyEntry entry : entries) {
            if (!entry.suite().equals(label()) || !entry.isDisplaced()) {
                continue;
            }
            for (Map.Entry<String, String> copy : entry.displacedCopies().entrySet()) {
                boolean legacyOwner = copy.getKey().equals(HC_PARTY_KEYS_OWNER);
                boolean legacyDelegate = copy.getKey().equals(HC_PARTY_KEYS_DELEGATE);
                if (legacyOwner || legacyDelegate) {
                    if (((legacyOwner && asOwner) || (legacyDelegate && asDelegate)) && seen.add(copy.getValue())) {
                        out.add(new PairKeyCandidate(id(ownerId, delegate, currentKey, copy.getValue()),
                                Optional.empty(), Optional.empty(), true));
                    }
                } else if (seen.add(copy.getValue())) {
                    out.add(new PairKeyCandidate(id(ownerId, delegate, currentKey, copy.getValue()),
                            Optional.of(new KeyFingerprint(copy.getKey())), Optional.empty(), true));
                }
            }
        }
        return out;
    }

    private void addExchangeCopies(List<PairKeyCandidate> out, Set<String> seen, String owner, String delegate,
            String ownerSpki, Map<String, Map<String, String>> byDelegate) {
        Map<String, String> copies = byDelegate.get(delegate);
        if (copies == null || ownerSpki.length() < KeyFingerprint.LENGTH) {
            return;
        }
        KeyFingerprint ownerKey = KeyFingerprint.of(ownerSpki);
        for (Map.Entry<String, String> copy : copies.entrySet()) {
            if (seen.add(copy.getValue())) {
                out.add(new PairKeyCandidate(id(owner, delegate, ownerKey, copy.getValue()),
                        Optional.of(new KeyFingerprint(copy.getKey())), Optional.empty()));
            }
        }
    }

    private PairKeyId id(String owner, String delegate, KeyFingerprint ownerKey, String wrapped) {
        return new PairKeyId(Suite.V1_ICURE, owner, delegate, ownerKey, "", wrapped);
    }

    /**
     * Stores the key in iCure's slots, so iCure's SDK finds it, and its signature in
     * {@code medcryptPairKeys}. A slot that already holds another key (one not acceptable for
     * sharing: unsigned or planted) is taken over, and its copies kept in a displaced entry so
     * that what was written under it stays readable by medcrypt.
     */
    @Override
    public HealthcareParty withPairKey(HealthcareParty owner, String delegate, String ownerSpkiHex, PairKeyEntry entry) {
        Map<String, String> slot = owner.aesExchangeKeys().getOrDefault(ownerSpkiHex, Map.of()).get(delegate);
        List<String> legacySlot = owner.hcPartyKeys().get(delegate);
        HealthcareParty updated;
        // an hcPartyKeys pair that no acceptable key covers (a planted or unsigned one) is taken over
        // too, so that iCure's SDK, which falls back to it, finds the signed key
        if (slot == null && legacySlot != null) {
            slot = Map.of();
        }
        if (slot == null) {
            updated = owner.withPairKey(delegate, ownerSpkiHex, entry.ownerKey(), entry.forOwner(),
                    entry.delegateKey(), entry.forDelegate());
        } else {
            Map<String, String> displaced = new java.util.LinkedHashMap<>(slot);
            List<String> legacy = owner.hcPartyKeys().get(delegate);
            if (legacy != null) {
                displaced.put(HC_PARTY_KEYS_OWNER, legacy.get(0));
                displaced.put(HC_PARTY_KEYS_DELEGATE, legacy.get(1));
            }
            updated = owner.withReplacedPairKey(delegate, ownerSpkiHex, entry.ownerKey(), entry.forOwner(),
                    entry.delegateKey(), entry.forDelegate());
            // an empty slot (written so by whoever can write this document) holds nothing to keep
            if (!displaced.isEmpty()) {
                updated = updated.withPairKeyEntry(delegate, new PairKeyEntry(label(), entry.id() + "-displaced", "", "", "",
                        "", Optional.empty(), displaced));
            }
        }
        return updated.withPairKeyEntry(delegate, entry);
    }

    /** Delegation plaintexts are ASCII (ids, UUIDs): a fast path for those, strict UTF-8 otherwise. */
    private static String decodeStrictly(byte[] bytes) throws CharacterCodingException {
        for (byte b : bytes) {
            if (b < 0) {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes))
                        .toString();
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
