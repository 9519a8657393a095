package org.medcrypt.internal.format;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.medcrypt.internal.Bytes;
import org.medcrypt.internal.Hex;
import org.medcrypt.internal.ProviderCalls;
import org.medcrypt.internal.keys.ContentKey;
import org.medcrypt.internal.keys.PairKey;
import org.medcrypt.internal.keys.PairKeyCandidate;
import org.medcrypt.internal.keys.PairKeyId;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.PairKeyEntry;
import org.medcrypt.spi.AesGcm;
import org.medcrypt.spi.AesKey;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.OaepParameters;
import org.medcrypt.spi.Suite;

/**
 * medcrypt's authenticated format, specified in {@code docs/v2-format.md}. Every value is a
 * {@link V2Envelope}; small keys are AES-256-GCM under the pair key with associated data that
 * binds the suite, the role, the pair key id, the entity type and id, and the owner → delegate
 * pair; {@code encryptedSelf} is AES-256-GCM under a key derived with HKDF-SHA-256 from the
 * content key and a random salt, which also derives a key commitment checked before decryption.
 * Pair keys are wrapped with RSA-OAEP SHA-256/MGF1-SHA-256 with a label that binds the pair, and
 * live only in {@code medcryptPairKeys}, each signed by its owner.
 */
public final class V2GcmFormat implements WireFormat {

    /** Entity keys (content keys, secret ids) and pair keys: 256 random bits. */
    public static final int KEY_BYTES = 32;
    /** Pair key ids: 128 random bits. */
    public static final int KEY_ID_BYTES = 16;
    static final int SALT_BYTES = 32;
    static final int COMMITMENT_BYTES = 32;
    private static final int GCM_OVERHEAD = AesGcm.NONCE_LENGTH + AesGcm.TAG_LENGTH;

    private final CryptoProvider provider;

    public V2GcmFormat(CryptoProvider provider) {
        this.provider = provider;
    }

    @Override
    public Suite suite() {
        return Suite.V2_GCM_OAEP256;
    }

    @Override
    public String label() {
        return "v2";
    }

    @Override
    public boolean recognises(String value) {
        return V2Envelope.looksLikeOne(value);
    }

    @Override
    public String newEntityKey() {
        byte[] raw = provider.random().bytes(KEY_BYTES);
        try {
            return Hex.encode(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    // ---------------------------------------------------------------- small keys

    @Override
    public String encryptSmallKey(PairKey key, ValueRole role, ValueContext context, String value) {
        byte[] header = V2Envelope.header(suite(), role);
        byte[] keyId = keyIdBytes(key.id().keyId());
        byte[] plaintext = value.getBytes(StandardCharsets.UTF_8);
        try {
            byte[] sealed = ProviderCalls.encrypting("v2 small key encryption",
                    () -> provider.aesGcm().encrypt(key.aesKey(), plaintext, smallKeyAad(header, keyId, context)));
            return V2Envelope.encode(header, keyId, sealed);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** Decodes the envelope once and reads the pair key id it names; the role must be exactly {@code role}. */
    @Override
    public Optional<SealedValue> parseSmallKey(String value, ValueRole role) {
        byte[] all = V2Envelope.decode(value, suite(), role);
        if (all == null || all.length < V2Envelope.HEADER_LENGTH + KEY_ID_BYTES + GCM_OVERHEAD) {
            return Optional.empty();
        }
        byte[] body = Arrays.copyOfRange(all, V2Envelope.HEADER_LENGTH, all.length);
        return Optional.of(new SealedValue(body, Optional.of(Bytes.base64Url(Arrays.copyOf(body, KEY_ID_BYTES)))));
    }

    @Override
    public Optional<String> decryptSmallKey(PairKey key, ValueRole role, ValueContext context, SealedValue value) {
        if (!value.pairKeyId().orElseThrow().equals(key.id().keyId())) {
            return Optional.empty();
        }
        byte[] body = value.bytes();
        byte[] keyId = Arrays.copyOf(body, KEY_ID_BYTES);
        byte[] sealed = Arrays.copyOfRange(body, KEY_ID_BYTES, body.length);
        byte[] plaintext;
        try {
            plaintext = provider.aesGcm().decrypt(key.aesKey(), sealed,
                    smallKeyAad(V2Envelope.header(suite(), role), keyId, context));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
        try {
            String text = decodeStrictly(plaintext);
            boolean wellFormed = role == ValueRole.PARENT_ID ? !text.isEmpty() : isEntityKey(text);
            return wellFormed ? Optional.of(text) : Optional.empty();
        } catch (CharacterCodingException e) {
            return Optional.empty();
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    @Override
    public Optional<String> pairKeyIdOf(String value) {
        for (ValueRole role : List.of(ValueRole.SECRET_ID, ValueRole.CONTENT_KEY, ValueRole.PARENT_ID)) {
            Optional<SealedValue> sealed = parseSmallKey(value, role);
            if (sealed.isPresent()) {
                return sealed.get().pairKeyId();
            }
        }
        return Optional.empty();
    }

    /** Strict UTF-8; small keys are ASCII (hex, ids), which takes the fast path. */
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

    private static byte[] smallKeyAad(byte[] header, byte[] keyId, ValueContext context) {
        return Bytes.tagged("medcrypt v2 value").raw(header).raw(keyId)
                .field(context.type().name()).field(context.entityId())
                .field(context.owner()).field(context.delegate())
                .toByteArray();
    }

    /** 64 lower-case hex digits: the only shape of a v2 content key or secret id. */
    static boolean isEntityKey(String text) {
        if (text.length() != 2 * KEY_BYTES) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- encryptedSelf

    @Override
    public String encryptContent(String contentKey, EntityType type, String entityId, byte[] json) {
        if (!isEntityKey(contentKey)) {
            throw new IllegalArgumentException("a v2 content key is 64 lower-case hex digits");
        }
        byte[] header = V2Envelope.header(suite(), ValueRole.ENCRYPTED_SELF);
        byte[] salt = provider.random().bytes(SALT_BYTES);
        DerivedKeys derived = derive(contentKey, salt, type, entityId);
        try {
            byte[] aad = contentAad(header, salt, derived.commitment, type, entityId);
            byte[] sealed = ProviderCalls.encrypting("encryptedSelf encryption",
                    () -> provider.aesGcm().encrypt(derived.key, json, aad));
            return V2Envelope.encode(header, salt, derived.commitment, sealed);
        } finally {
            derived.key.destroy();
        }
    }

    @Override
    public Optional<SealedValue> parseContent(String value) {
        byte[] all = V2Envelope.decode(value, suite(), ValueRole.ENCRYPTED_SELF);
        if (all == null || all.length < V2Envelope.HEADER_LENGTH + SALT_BYTES + COMMITMENT_BYTES + GCM_OVERHEAD) {
            return Optional.empty();
        }
        return Optional.of(new SealedValue(all, V2Envelope.HEADER_LENGTH, Optional.empty()));
    }

    /**
     * Derives the key for the value's salt and checks its commitment (in constant time) before
     * any GCM: a ciphertext crafted to open under two content keys (possible with GCM alone) opens
     * under at most the one committed to.
     */
    @Override
    public Optional<ContentKey> contentKey(String contentKey, EntityType type, String entityId, SealedValue value) {
        if (!isEntityKey(contentKey)) {
            return Optional.empty();
        }
        byte[] binding = contentBinding(value);
        byte[] salt = Arrays.copyOf(binding, SALT_BYTES);
        DerivedKeys derived;
        try {
            derived = derive(contentKey, salt, type, entityId);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(derived.commitment, Arrays.copyOfRange(binding, SALT_BYTES, binding.length))) {
            derived.key.destroy();
            return Optional.empty();
        }
        return Optional.of(new ContentKey(derived.key, binding));
    }

    /** The salt and the commitment, the first 64 bytes of the body. */
    @Override
    public byte[] contentBinding(SealedValue value) {
        int start = value.offset();
        return Arrays.copyOfRange(value.bytes(), start, start + SALT_BYTES + COMMITMENT_BYTES);
    }

    @Override
    public Optional<byte[]> decryptContent(ContentKey key, EntityType type, String entityId, SealedValue value) {
        byte[] bytes = value.bytes();
        int start = value.offset();
        if (!key.boundTo(bytes, start, SALT_BYTES + COMMITMENT_BYTES)) {
            return Optional.empty();
        }
        // the sealed part (nonce ‖ ciphertext ‖ tag) is read where it sits in the decoded envelope
        int sealedStart = start + SALT_BYTES + COMMITMENT_BYTES;
        try {
            byte[] aad = contentAad(V2Envelope.header(suite(), ValueRole.ENCRYPTED_SELF), bytes, start, type, entityId);
            return Optional.of(provider.aesGcm().decrypt(key.aesKey(), bytes, sealedStart, bytes.length - sealedStart, aad));
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private record DerivedKeys(AesKey key, byte[] commitment) {
        @Override
        public String toString() {
            return "DerivedKeys[<redacted>]";
        }
    }

    /** HKDF-SHA-256(content key, salt, info = type and id) → 32 bytes of GCM key ‖ 32 bytes of commitment. */
    private DerivedKeys derive(String contentKey, byte[] salt, EntityType type, String entityId) {
        byte[] ikm = Hex.decode(contentKey, "content key");
        byte[] info = Bytes.tagged("medcrypt v2 encryptedSelf").field(type.name()).field(entityId).toByteArray();
        byte[] okm = null;
        try {
            okm = ProviderCalls.encrypting("encryptedSelf key derivation",
                    () -> provider.hkdf().sha256(ikm, salt, info, KEY_BYTES + COMMITMENT_BYTES));
            byte[] keyBytes = Arrays.copyOf(okm, KEY_BYTES);
            try {
                AesKey key = ProviderCalls.importingKey("encryptedSelf key", () -> provider.aesKeys().importKey(keyBytes));
                return new DerivedKeys(key, Arrays.copyOfRange(okm, KEY_BYTES, KEY_BYTES + COMMITMENT_BYTES));
            } finally {
                Arrays.fill(keyBytes, (byte) 0);
            }
        } finally {
            Arrays.fill(ikm, (byte) 0);
            if (okm != null) {
                Arrays.fill(okm, (byte) 0);
            }
        }
    }

    private static byte[] contentAad(byte[] header, byte[] salt, byte[] commitment, EntityType type, String entityId) {
        byte[] binding = Arrays.copyOf(salt, SALT_BYTES + COMMITMENT_BYTES);
        System.arraycopy(commitment, 0, binding, SALT_BYTES, COMMITMENT_BYTES);
        return contentAad(header, binding, 0, type, entityId);
    }

    /** The salt and commitment are the {@code SALT_BYTES + COMMITMENT_BYTES} of {@code binding} from {@code from} on. */
    private static byte[] contentAad(byte[] header, byte[] binding, int from, EntityType type, String entityId) {
        return Bytes.tagged("medcrypt v2 value").raw(header).raw(binding, from, SALT_BYTES + COMMITMENT_BYTES)
                .field(type.name()).field(entityId).toByteArray();
    }

    // ---------------------------------------------------------------- pair keys

    @Override
    public OaepParameters wrapping() {
        return OaepParameters.SHA256_MGF1_SHA256;
    }

    @Override
    public byte[] wrappingLabel(String keyId, String owner, String delegate) {
        return Bytes.tagged("medcrypt v2 pair key").field(keyId).field(owner).field(delegate).toByteArray();
    }

    @Override
    public String encodeWrapped(byte[] rsaCiphertext) {
        return V2Envelope.encode(V2Envelope.header(suite(), ValueRole.WRAPPED_PAIR_KEY), rsaCiphertext);
    }

    @Override
    public Optional<byte[]> decodeWrapped(String wrapped) {
        return V2Envelope.body(wrapped, suite(), ValueRole.WRAPPED_PAIR_KEY).filter(bytes -> bytes.length > 0);
    }

    /** Only signed {@code medcryptPairKeys} entries: v2 has no other place for pair keys. */
    @Override
    public List<PairKeyCandidate> candidates(HealthcareParty owner, String delegate, String reader) {
        boolean asOwner = reader.equals(owner.id());
        boolean asDelegate = reader.equals(delegate);
        List<PairKeyCandidate> out = new ArrayList<>(2);
        for (PairKeyEntry entry : owner.pairKeyEntries(delegate)) {
            if (!entry.suite().equals(label()) || entry.isDisplaced() || entry.signature().isEmpty()) {
                continue;
            }
            KeyFingerprint ownerKey = new KeyFingerprint(entry.ownerKey());
            if (asOwner) {
                out.add(new PairKeyCandidate(id(owner.id(), delegate, ownerKey, entry.id(), entry.forOwner()),
                        Optional.of(ownerKey), Optional.of(entry)));
            }
            if (asDelegate && !(asOwner && entry.forDelegate().equals(entry.forOwner()))) {
                out.add(new PairKeyCandidate(id(owner.id(), delegate, ownerKey, entry.id(), entry.forDelegate()),
                        Optional.of(new KeyFingerprint(entry.delegateKey())), Optional.of(entry)));
            }
        }
        return out;
    }

    private static PairKeyId id(String owner, String delegate, KeyFingerprint ownerKey, String keyId, String wrapped) {
        return new PairKeyId(Suite.V2_GCM_OAEP256, owner, delegate, ownerKey, keyId, wrapped);
    }

    @Override
    public HealthcareParty withPairKey(HealthcareParty owner, String delegate, String ownerSpkiHex, PairKeyEntry entry) {
        return owner.withPairKeyEntry(delegate, entry);
    }

    private static byte[] keyIdBytes(String keyId) {
        return Bytes.fromBase64Url(keyId).filter(bytes -> bytes.length == KEY_ID_BYTES).orElseThrow(() ->
                new IllegalStateException("a v2 pair key id is 16 bytes, base64url"));
    }
}
