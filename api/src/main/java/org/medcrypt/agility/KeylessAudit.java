package org.medcrypt.agility;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.medcrypt.FormatException;
import org.medcrypt.MedcryptException;
import org.medcrypt.NotFoundException;
import org.medcrypt.agility.AuditReport.Anomaly;
import org.medcrypt.agility.AuditReport.AnomalyKind;
import org.medcrypt.agility.AuditReport.EntityCount;
import org.medcrypt.agility.AuditReport.PairKeyCount;
import org.medcrypt.agility.AuditReport.QuantumVulnerableAsset;
import org.medcrypt.agility.AuditReport.RsaKey;
import org.medcrypt.agility.AuditReport.ValueCount;
import org.medcrypt.internal.format.V2Envelope;
import org.medcrypt.internal.format.ValueRole;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.spi.Suite;

/**
 * The audit of a dataset without any key: what whoever stores the dataset can see. It streams
 * the file with Jackson's streaming parser, one document at a time, so its memory grows with the
 * number of entity ids (for the duplicate check), of parties and their pair keys, and of distinct
 * owner → delegate pairs, not with the size of the file. What one document can take is bounded by
 * the limits below ({@link #MAX_DOCUMENT_BYTES} and the others): a dataset that goes over one is
 * refused with a {@link FormatException} naming it.
 *
 * <p><b>What is counted, and how.</b>
 * <ul>
 *   <li><b>Values</b>: every string stored in a role — each small key in {@code delegations}
 *       (secret id), {@code encryptionKeys} (content key), {@code cryptedForeignKeys} (parent id),
 *       each {@code encryptedSelf}, each wrapped pair-key copy ({@code hcPartyKeys},
 *       {@code aesExchangeKeys}, {@code medcryptPairKeys}), each pair-key and public-key signature.
 *       A value is v2 if it is an {@code mc2:} envelope whose header names the role it sits in (its
 *       suite byte is reported, so the signature of a v1 pair key counts as v1); v1 if it is lower-case
 *       hex (base64 for {@code encryptedSelf}); otherwise unrecognised.</li>
 *   <li><b>Pair keys</b>, per owner → delegate: each v2 {@code medcryptPairKeys} entry is one key;
 *       v1 copies that share a wrapped text are one key; each owner public key of
 *       {@code aesExchangeKeys} holds one key per delegate; and {@code hcPartyKeys[D]} is the same key
 *       as {@code aesExchangeKeys[publicKey][D]} when both exist (iCure's SDK and medcrypt write one
 *       key in both forms), else a key of its own. Signed: a {@code medcryptPairKeys} entry of it has
 *       a signature (whether it verifies takes keys: see {@link KeyedAudit}).</li>
 *   <li><b>Entities</b> by type and by the suite of their values (v1, v2, mixed, none).</li>
 *   <li><b>v1 content key size</b>, from the length of the {@code encryptionKeys} ciphertext:
 *       {@code IV ‖ AES-CBC(entityId ":" key)} is 16 bytes plus the padded plaintext, so a UUID or
 *       32-hex-digit key (AES-128) and a 64-hex-digit key (AES-256) never have the same length.</li>
 *   <li><b>An entity's creator</b> is its {@code responsible} field (iCure's data owner responsible
 *       for it) when it has one, else the owner of the first entry of its {@code delegations}, in
 *       document order (iCure's SDK and medcrypt write the creator's own entry first). An entity
 *       with neither, or whose {@code delegations} has no entry for its creator, is an anomaly.</li>
 * </ul>
 */
public final class KeylessAudit {

    /** At most this many examples per anomaly kind. */
    public static final int EXAMPLES = 10;

    /** How often, in entities, {@link Progress} hears from a running audit. */
    public static final int PROGRESS_EVERY = 4096;

    /** Hears how far a running audit is. */
    @FunctionalInterface
    public interface Progress {
        /** {@code bytesRead} of the dataset read so far, {@code entities} entities seen. */
        void report(long bytesRead, long entities);

        /** Hears nothing. */
        static Progress none() {
            return (bytes, entities) -> { };
        }
    }

    private static final String[] SUITES = {"v1", "v2", "unrecognised"};
    private static final int V1 = 0;
    private static final int V2 = 1;
    private static final int UNRECOGNISED = 2;
    private static final char[] PREFIX = V2Envelope.PREFIX.toCharArray();
    private static final int V1_CODE = V2Envelope.code(Suite.V1_ICURE);
    private static final int V2_CODE = V2Envelope.code(Suite.V2_GCM_OAEP256);
    private static final ValueRole[] ENTITY_ROLES = {ValueRole.SECRET_ID, ValueRole.CONTENT_KEY, ValueRole.PARENT_ID};
    /**
     * Where {@code migrate --keep-v1} keeps an entity's v2 {@code encryptedSelf} beside its v1 one
     * (counted as an {@code encryptedSelf} value of its own).
     */
    static final String V2_COPY_FIELD = "medcryptEncryptedSelf";
    private static final String[] DELEGATION_MAPS = {"delegations", "encryptionKeys", "cryptedForeignKeys"};

    private static final java.util.regex.Pattern LONG_QUOTE = java.util.regex.Pattern.compile("'[^'\\s]{12,}'");

    // ---------------------------------------------------------------- limits (the JSON ones are JsonLimits')
    //
    // A dataset comes from a store, which may be hostile: every document the scan holds in memory at
    // once is bounded by these limits, each far above what iCure writes. iCure keeps its documents in
    // CouchDB, whose default max_document_size is 8,000,000 bytes; ids are UUIDs (36 characters); a
    // document nests a few levels deep. Going over a limit ends the audit with a FormatException that
    // names it (exit code 3 in the CLI).

    /** Nesting depth of JSON arrays and objects, the dataset's own object and arrays included. */
    public static final int MAX_NESTING_DEPTH = org.medcrypt.json.JsonLimits.MAX_NESTING_DEPTH;

    /** Characters of one JSON string: no string of a CouchDB document of the default maximum size is longer. */
    public static final int MAX_STRING_LENGTH = org.medcrypt.json.JsonLimits.MAX_STRING_LENGTH;

    /** Characters of one JSON number (Jackson's default). */
    public static final int MAX_NUMBER_LENGTH = org.medcrypt.json.JsonLimits.MAX_NUMBER_LENGTH;

    /** Characters of one JSON key (an RSA-16384 public key in hex, a key of aesExchangeKeys, has about 4,200). */
    public static final int MAX_NAME_LENGTH = org.medcrypt.json.JsonLimits.MAX_NAME_LENGTH;

    /**
     * Characters of an id the scan keeps: an entity's {@code id} and {@code responsible}, a party's
     * {@code id}, a small key's {@code owner} and {@code delegatedTo} (iCure's ids are UUIDs: 36).
     */
    public static final int MAX_ID_LENGTH = 1_024;

    /**
     * Bytes of one entity or party document: twice CouchDB's default max_document_size, room for a
     * document written with indentation.
     */
    public static final long MAX_DOCUMENT_BYTES = org.medcrypt.json.JsonLimits.MAX_DOCUMENT_BYTES;

    /**
     * Small keys of one entity, its three delegation maps together: one per delegate and map in
     * iCure's data, where an entity is shared with a few to a few hundred parties.
     */
    public static final int MAX_SMALL_KEYS_PER_ENTITY = 100_000;

    /**
     * JSON values in one party document (it is read as a tree). A party's pair key with one
     * delegate takes 4 to 20 values and at least a kilobyte (its RSA-wrapped copies), so a document
     * of CouchDB's default maximum size holds fewer than 150,000.
     */
    public static final int MAX_PARTY_DOCUMENT_VALUES = 500_000;

    /**
     * The streaming parser, with the limits above. It does not look for duplicate keys within entity
     * documents, which medcrypt's other readers refuse: tracking every field name of every object
     * cost the scan half its speed, and an audit opens nothing. The dataset's own top-level keys and
     * party documents are checked.
     */
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNumberLength(MAX_NUMBER_LENGTH)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .build())
            .build();

    private KeylessAudit() {
    }

    /**
     * Audits a dataset file.
     *
     * @throws NotFoundException if there is no such file
     * @throws FormatException if it is not JSON, or not a JSON object of arrays
     */
    public static AuditReport of(Path file, Progress progress) {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return of(in, "dataset file " + file, progress);
        } catch (NoSuchFileException e) {
            throw new NotFoundException("dataset file " + file + " does not exist");
        } catch (IOException e) {
            throw new MedcryptException("cannot read dataset file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Audits a dataset read from {@code in} (not closed here).
     *
     * @param what names the input in error messages
     * @throws FormatException if it is not JSON, or not a JSON object of arrays
     */
    public static AuditReport of(InputStream in, String what, Progress progress) {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(what, "what");
        Scan scan = new Scan(progress, what);
        JsonParser parser;
        try {
            parser = FACTORY.createParser(in);
        } catch (IOException e) {
            throw new MedcryptException("cannot read " + what + ": " + e.getMessage(), e);
        }
        try (parser) {
            scan.dataset(parser, what);
            return scan.report(parser.currentLocation().getByteOffset());
        } catch (StreamConstraintsException e) {
            // Jackson's message names the limit; it may come without a location
            throw new FormatException(what + " is over a limit of the audit: " + withoutQuotedInput(e.getOriginalMessage())
                    + at(e.getLocation(), parser));
        } catch (JsonProcessingException e) {
            // Jackson quotes the unexpected token: a key file passed as a dataset must not reach the message
            throw new FormatException(what + " is not valid JSON: " + withoutQuotedInput(e.getOriginalMessage())
                    + at(e.getLocation(), parser));
        } catch (IOException e) {
            throw new MedcryptException("cannot read " + what + ": " + e.getMessage(), e);
        }
    }

    private static String withoutQuotedInput(String message) {
        return LONG_QUOTE.matcher(String.valueOf(message)).replaceAll("'…'");
    }

    /** " (line L, column C)" from the exception's location, else the parser's, else nothing. */
    private static String at(JsonLocation location, JsonParser parser) {
        JsonLocation where = location != null ? location : parser.currentTokenLocation();
        return where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")";
    }

    /** Where the parser is, in bytes (characters for a text source). */
    private static long offset(JsonParser parser) {
        JsonLocation location = parser.currentLocation();
        long bytes = location.getByteOffset();
        return bytes >= 0 ? bytes : location.getCharOffset();
    }

    // ---------------------------------------------------------------- value classification

    /** {@link #V1}, {@link #V2} or {@link #UNRECOGNISED} for the text {@code chars[offset, offset + length)}. */
    static int classify(char[] chars, int offset, int length, ValueRole role) {
        if (startsWithPrefix(chars, offset, length)) {
            return envelopeSuite(chars, offset + PREFIX.length, length - PREFIX.length, role);
        }
        if (length == 0) {
            return UNRECOGNISED;
        }
        if (role == ValueRole.ENCRYPTED_SELF) {
            for (int i = offset, end = offset + length; i < end; i++) {
                char c = chars[i];
                if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '=')) {
                    return UNRECOGNISED;
                }
            }
            return V1;
        }
        if ((length & 1) != 0) {
            return UNRECOGNISED;
        }
        for (int i = offset, end = offset + length; i < end; i++) {
            char c = chars[i];
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return UNRECOGNISED;
            }
        }
        return V1;
    }

    static int classify(String text, ValueRole role) {
        return classify(text.toCharArray(), 0, text.length(), role);
    }

    private static boolean startsWithPrefix(char[] chars, int offset, int length) {
        if (length < PREFIX.length) {
            return false;
        }
        for (int i = 0; i < PREFIX.length; i++) {
            if (chars[offset + i] != PREFIX[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The suite of an envelope ({@link V2Envelope}) from its first four base64url digits, which
     * are its {@value V2Envelope#HEADER_LENGTH}-byte header, if it names {@code role}; the rest
     * is not decoded.
     */
    private static int envelopeSuite(char[] chars, int offset, int length, ValueRole role) {
        if (length < 4) {
            return UNRECOGNISED;
        }
        int a = base64Url(chars[offset]);
        int b = base64Url(chars[offset + 1]);
        int c = base64Url(chars[offset + 2]);
        int d = base64Url(chars[offset + 3]);
        if ((a | b | c | d) < 0) {
            return UNRECOGNISED;
        }
        int version = (a << 2) | (b >> 4);
        int suite = ((b & 0x0f) << 4) | (c >> 2);
        int roleCode = ((c & 0x03) << 6) | d;
        if (version != V2Envelope.VERSION || roleCode != role.code()) {
            return UNRECOGNISED;
        }
        return suite == V1_CODE ? V1 : suite == V2_CODE ? V2 : UNRECOGNISED;
    }

    private static int base64Url(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : c == '_' ? 63 : -1;
    }

    /** 128, 256 or 0 (unknown): the size of a v1 content key from its ciphertext's hex length. */
    static int v1ContentKeyBits(String entityId, int hexLength) {
        int idBytes = utf8Length(entityId);
        int bytes = hexLength / 2;
        if (bytes == cbcLength(idBytes + 1 + 36) || bytes == cbcLength(idBytes + 1 + 32)) {
            return 128;
        }
        return bytes == cbcLength(idBytes + 1 + 64) ? 256 : 0;
    }

    /** IV ‖ AES-CBC/PKCS#7 of {@code plaintext} bytes. */
    private static int cbcLength(int plaintext) {
        return 16 + (plaintext / 16 + 1) * 16;
    }

    private static int utf8Length(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c)) {
                length += 4;
                i++;
            } else {
                length += 3;
            }
        }
        return length;
    }

    static String roleLabel(ValueRole role) {
        return switch (role) {
            case SECRET_ID -> "secretId";
            case CONTENT_KEY -> "contentKey";
            case PARENT_ID -> "parentId";
            case ENCRYPTED_SELF -> "encryptedSelf";
            case WRAPPED_PAIR_KEY -> "wrappedPairKey";
            case PAIR_KEY_SIGNATURE -> "pairKeySignature";
            case PUBLIC_KEY_SIGNATURE -> "publicKeySignature";
            case SIGNING_KEY_ROTATION -> "signingKeyRotation";
            default -> camelCase(role.name());
        };
    }

    private static String camelCase(String name) {
        StringBuilder out = new StringBuilder();
        for (String word : name.toLowerCase(java.util.Locale.ROOT).split("_")) {
            out.append(out.length() == 0 ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1));
        }
        return out.toString();
    }

    static String typeLabel(EntityType type) {
        return switch (type) {
            case PATIENT -> "patient";
            case CONTACT -> "contact";
            case FORM -> "form";
            case HEALTH_ELEMENT -> "healthElement";
        };
    }

    // ---------------------------------------------------------------- the scan

    /** One pair key found in an owner's document, before the checks that need every party. */
    private static final class FoundPairKey {
        final String owner;
        final String delegate;
        final int suite;
        // sized for one or two copies, and the lists below for one key: a party document may hold 166,000 pair keys
        Set<String> copies = new HashSet<>(4); // null once the owner's document is done: copyCount stays
        int copyCount;
        final List<String> fingerprints = new ArrayList<>();
        String ownerSpki; // the aesExchangeKeys owner key it sits under, if any
        boolean signed;
        boolean displaced = true;

        FoundPairKey(String owner, String delegate, int suite) {
            this.owner = owner;
            this.delegate = delegate;
            this.suite = suite;
        }

        void absorb(FoundPairKey other) {
            copies.addAll(other.copies);
            fingerprints.addAll(other.fingerprints);
            signed |= other.signed;
            displaced &= other.displaced;
            if (ownerSpki == null) {
                ownerSpki = other.ownerSpki;
            }
        }

        /** Drops what only the owner's document needed (the wrapped texts, the owner key): they would outlive it. */
        void compact() {
            copyCount = copies.size();
            copies = null;
            ownerSpki = null;
        }
    }

    /** An owner → delegate pair in a suite. Not a record: its equals and hashCode run once per small key. */
    private static final class PairUse {
        private final String owner;
        private final String delegate;
        private final int suite;
        private final int hash;

        PairUse(String owner, String delegate, int suite) {
            this.owner = owner;
            this.delegate = delegate;
            this.suite = suite;
            this.hash = (owner.hashCode() * 31 + delegate.hashCode()) * 31 + suite;
        }

        String owner() {
            return owner;
        }

        String delegate() {
            return delegate;
        }

        int suite() {
            return suite;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof PairUse use && hash == use.hash && suite == use.suite && owner.equals(use.owner)
                    && delegate.equals(use.delegate);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    private static final class Examples {
        long count;
        final List<String> examples = new ArrayList<>();

        void add(String example) {
            count++;
            if (examples.size() < EXAMPLES) {
                examples.add(example);
            }
        }
    }

    private static final class PartyFound {
        final String id;
        final List<RsaKey> keys = new ArrayList<>();
        final Set<String> fingerprints = new HashSet<>();
        final Optional<String> signingKey;
        final boolean publicKeySigned;
        long pairKeys;
        long signingKeyRotations;
        long keyUpdateRequests;

        PartyFound(String id, Optional<String> signingKey, boolean publicKeySigned) {
            this.id = id;
            this.signingKey = signingKey;
            this.publicKeySigned = publicKeySigned;
        }
    }

    /** The small keys of the entity being read. */
    private static final class Entry {
        int map;
        String owner;
        String delegatedTo;
        int suite = UNRECOGNISED;
        int length;
    }

    private static final class Scan {
        private final Progress progress;
        private final String what;
        private final List<PartyFound> parties = new ArrayList<>();
        private final Map<String, PartyFound> partiesById = new HashMap<>();
        private final List<FoundPairKey> pairKeys = new ArrayList<>();
        private final Set<String> entityIds = new HashSet<>();
        private final long[][] entityCounts = new long[EntityType.values().length][4]; // v1, v2, mixed, none
        private final long[][] valueCounts = new long[ValueRole.values().length][SUITES.length];
        private final Map<PairUse, Examples> pairUses = new LinkedHashMap<>();
        private final Map<AnomalyKind, Examples> anomalies = new LinkedHashMap<>();
        private long entities;
        private long mixedEntities;
        private long contentKeys128;
        private long contentKeys256;
        private long contentKeysUnknown;
        private final List<Entry> entries = new ArrayList<>();
        private int entryCount;
        private final int[] selfCounts = new int[SUITES.length];
        private PairUse lastUse;
        private Examples lastUses;

        Scan(Progress progress, String what) {
            this.progress = progress;
            this.what = what;
        }

        /** A limit gone over: one line, naming the limit and where the parser is. */
        private FormatException overLimit(JsonParser parser, String text, String limit) {
            return new FormatException(what + " is over a limit of the audit: " + text + " (KeylessAudit." + limit + ")"
                    + at(null, parser));
        }

        /** The text of the current string token, an id the scan keeps: at most {@link #MAX_ID_LENGTH} characters. */
        private String id(JsonParser parser, String which) throws IOException {
            int length = parser.getTextLength();
            if (length > MAX_ID_LENGTH) {
                throw overLimit(parser, String.format(java.util.Locale.ROOT, "%s of %,d characters, over %,d", which,
                        length, MAX_ID_LENGTH), "MAX_ID_LENGTH");
            }
            return parser.getText();
        }

        private void documentSize(JsonParser parser, long start, String which) {
            if (offset(parser) - start > MAX_DOCUMENT_BYTES) {
                throw overLimit(parser, String.format(java.util.Locale.ROOT, "%s larger than %,d bytes", which,
                        MAX_DOCUMENT_BYTES), "MAX_DOCUMENT_BYTES");
            }
        }

        /**
         * Reads the party document that starts at the current token into a tree, without recursion,
         * refusing duplicate keys and going over {@link #MAX_DOCUMENT_BYTES} or
         * {@link #MAX_PARTY_DOCUMENT_VALUES}.
         */
        private ObjectNode partyDocument(JsonParser parser) throws IOException {
            long start = offset(parser);
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            ObjectNode root = nodes.objectNode();
            Deque<JsonNode> open = new ArrayDeque<>();
            open.push(root);
            long values = 1;
            while (!open.isEmpty()) {
                JsonToken token = parser.nextToken();
                JsonNode container = open.peek();
                String name = null;
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    open.pop();
                    continue;
                }
                if (token == JsonToken.FIELD_NAME) {
                    name = parser.currentName();
                    token = parser.nextToken();
                }
                if (token == null) {
                    throw new JsonParseException(parser, "Unexpected end-of-input in a healthcare party document");
                }
                if (++values > MAX_PARTY_DOCUMENT_VALUES) {
                    throw overLimit(parser, String.format(java.util.Locale.ROOT,
                            "a healthcare party document of more than %,d JSON values", MAX_PARTY_DOCUMENT_VALUES),
                            "MAX_PARTY_DOCUMENT_VALUES");
                }
                JsonNode value = switch (token) {
                    case START_OBJECT -> nodes.objectNode();
                    case START_ARRAY -> nodes.arrayNode();
                    case VALUE_STRING -> nodes.textNode(parser.getText());
                    case VALUE_TRUE -> nodes.booleanNode(true);
                    case VALUE_FALSE -> nodes.booleanNode(false);
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> nodes.numberNode(parser.getDecimalValue());
                    default -> nodes.nullNode();
                };
                if (container instanceof ObjectNode object) {
                    if (object.replace(name, value) != null) {
                        throw new JsonParseException(parser, "Duplicate field '" + name + "'");
                    }
                } else {
                    ((ArrayNode) container).add(value);
                }
                if (value.isContainerNode()) {
                    open.push(value);
                }
                documentSize(parser, start, "a healthcare party document");
            }
            return root;
        }

        void dataset(JsonParser parser, String what) throws IOException {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new FormatException(what + " must be a JSON object");
            }
            Set<String> topLevel = new HashSet<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                if (!topLevel.add(field)) {
                    throw new FormatException(what + " has the key '" + field + "' twice");
                }
                JsonToken token = parser.nextToken();
                EntityType type = entityType(field);
                boolean parties = field.equals("healthcareParties");
                if (!parties && type == null || token == JsonToken.VALUE_NULL) {
                    parser.skipChildren();
                    continue;
                }
                if (token != JsonToken.START_ARRAY) {
                    throw new FormatException("dataset: '" + field + "' must be a JSON array");
                }
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (parser.currentToken() != JsonToken.START_OBJECT) {
                        anomaly(AnomalyKind.MALFORMED_DOCUMENT, field + ": an item that is not a JSON object");
                        parser.skipChildren();
                    } else if (parties) {
                        party(partyDocument(parser), parser);
                    } else {
                        entity(parser, type);
                    }
                }
            }
            if (parser.nextToken() != null) {
                throw new FormatException(what + " has content after its JSON object");
            }
        }

        private static EntityType entityType(String field) {
            for (EntityType type : EntityType.values()) {
                if (type.collection().equals(field)) {
                    return type;
                }
            }
            return null;
        }

        // ------------------------------------------------------------ entities

        private void entity(JsonParser parser, EntityType type) throws IOException {
            long start = offset(parser);
            String id = null;
            String responsible = null;
            String firstDelegationOwner = null;
            java.util.Arrays.fill(selfCounts, 0); // encryptedSelf and its v2 copy, by suite
            boolean malformed = false;
            if (entries.size() > PROGRESS_EVERY) {
                entries.subList(PROGRESS_EVERY, entries.size()).clear(); // the pool a large entity left
            }
            entryCount = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "id" -> {
                        if (token == JsonToken.VALUE_STRING) {
                            id = id(parser, "a " + typeLabel(type) + " id");
                        } else {
                            parser.skipChildren();
                        }
                    }
                    case "responsible" -> {
                        if (token == JsonToken.VALUE_STRING) {
                            responsible = id(parser, "a " + typeLabel(type) + "'s responsible");
                        } else {
                            parser.skipChildren();
                        }
                    }
                    case "encryptedSelf", V2_COPY_FIELD -> {
                        if (token == JsonToken.VALUE_STRING) {
                            int suite = classify(parser.getTextCharacters(), parser.getTextOffset(),
                                    parser.getTextLength(), ValueRole.ENCRYPTED_SELF);
                            selfCounts[suite]++;
                        } else if (token != JsonToken.VALUE_NULL) {
                            malformed = true;
                            parser.skipChildren();
                        }
                    }
                    case "delegations", "encryptionKeys", "cryptedForeignKeys" -> {
                        int map = field.equals("delegations") ? 0 : field.equals("encryptionKeys") ? 1 : 2;
                        if (token == JsonToken.START_OBJECT) {
                            String first = delegationMap(parser, map, start, type);
                            if (map == 0 && firstDelegationOwner == null) {
                                firstDelegationOwner = first;
                            }
                        } else if (token != JsonToken.VALUE_NULL) {
                            malformed = true;
                            parser.skipChildren();
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            documentSize(parser, start, "a " + typeLabel(type) + " document");
            if (id == null || id.isEmpty()) {
                anomaly(AnomalyKind.MALFORMED_DOCUMENT, typeLabel(type) + " without an id");
                return;
            }
            if (malformed) {
                anomaly(AnomalyKind.MALFORMED_DOCUMENT, typeLabel(type) + " '" + id + "': a delegation map or encryptedSelf of the wrong JSON type");
            }
            finishEntity(type, id, responsible, firstDelegationOwner);
            if (++entities % PROGRESS_EVERY == 0) {
                progress.report(parser.currentLocation().getByteOffset(), entities);
            }
        }

        /** Reads one delegation map into {@link #entries}; returns the owner of its first entry, if any. */
        private String delegationMap(JsonParser parser, int map, long start, EntityType type) throws IOException {
            String first = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                if (parser.nextToken() != JsonToken.START_ARRAY) {
                    parser.skipChildren();
                    anomaly(AnomalyKind.MALFORMED_DOCUMENT, DELEGATION_MAPS[map] + "['" + parser.currentName()
                            + "'] is not a JSON array");
                    continue;
                }
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (parser.currentToken() != JsonToken.START_OBJECT) {
                        parser.skipChildren();
                        continue;
                    }
                    if (entryCount == MAX_SMALL_KEYS_PER_ENTITY) {
                        throw overLimit(parser, String.format(java.util.Locale.ROOT, "a %s with more than %,d small keys",
                                typeLabel(type), MAX_SMALL_KEYS_PER_ENTITY), "MAX_SMALL_KEYS_PER_ENTITY");
                    }
                    Entry entry = nextEntry();
                    entry.map = map;
                    while (parser.nextToken() == JsonToken.FIELD_NAME) {
                        String name = parser.currentName();
                        JsonToken token = parser.nextToken();
                        if (token != JsonToken.VALUE_STRING) {
                            parser.skipChildren();
                        } else if (name.equals("key")) {
                            entry.length = parser.getTextLength();
                            entry.suite = classify(parser.getTextCharacters(), parser.getTextOffset(), entry.length,
                                    ENTITY_ROLES[map]);
                        } else if (name.equals("owner")) {
                            entry.owner = id(parser, "a small key's owner");
                        } else if (name.equals("delegatedTo")) {
                            entry.delegatedTo = id(parser, "a small key's delegatedTo");
                        }
                    }
                    documentSize(parser, start, "a " + typeLabel(type) + " document");
                    if (first == null && entry.owner != null) {
                        first = entry.owner;
                    }
                }
            }
            return first;
        }

        /** The uses of the entry's pair; consecutive small keys mostly name the same pair, so the last one is kept at hand. */
        private Examples usesOf(Entry entry) {
            PairUse last = lastUse;
            if (last == null || last.suite() != entry.suite || !last.owner().equals(entry.owner)
                    || !last.delegate().equals(entry.delegatedTo)) {
                last = new PairUse(entry.owner, entry.delegatedTo, entry.suite);
                lastUse = last;
                lastUses = pairUses.computeIfAbsent(last, k -> new Examples());
            }
            return lastUses;
        }

        private Entry nextEntry() {
            if (entryCount == entries.size()) {
                entries.add(new Entry());
            }
            Entry entry = entries.get(entryCount++);
            entry.owner = null;
            entry.delegatedTo = null;
            entry.suite = UNRECOGNISED;
            entry.length = 0;
            return entry;
        }

        private void finishEntity(EntityType type, String id, String responsible, String firstOwner) {
            if (!entityIds.add(id)) {
                anomaly(AnomalyKind.DUPLICATE_ID, "entity id '" + id + "' (" + typeLabel(type) + ")");
            }
            boolean v1 = false;
            boolean v2 = false;
            boolean creatorHasDelegation = false;
            String creator = responsible != null && !responsible.isEmpty() ? responsible : firstOwner;
            for (int i = 0; i < entryCount; i++) {
                Entry entry = entries.get(i);
                valueCounts[ENTITY_ROLES[entry.map].ordinal()][entry.suite]++;
                if (entry.suite == UNRECOGNISED) {
                    anomaly(AnomalyKind.UNRECOGNISED_VALUE, typeLabel(type) + " '" + id + "' " + DELEGATION_MAPS[entry.map]
                            + " entry " + entry.owner + " → " + entry.delegatedTo);
                    continue;
                }
                v1 |= entry.suite == V1;
                v2 |= entry.suite == V2;
                if (entry.owner != null && entry.delegatedTo != null) {
                    usesOf(entry).add(id);
                }
                if (entry.map == 0 && creator != null && creator.equals(entry.delegatedTo)) {
                    creatorHasDelegation = true;
                }
                if (entry.map == 1 && entry.suite == V1) {
                    switch (v1ContentKeyBits(id, entry.length)) {
                        case 128 -> contentKeys128++;
                        case 256 -> contentKeys256++;
                        default -> contentKeysUnknown++;
                    }
                }
            }
            for (int suite = V1; suite <= UNRECOGNISED; suite++) {
                valueCounts[ValueRole.ENCRYPTED_SELF.ordinal()][suite] += selfCounts[suite];
            }
            v1 |= selfCounts[V1] > 0;
            v2 |= selfCounts[V2] > 0;
            if (selfCounts[UNRECOGNISED] > 0) {
                anomaly(AnomalyKind.UNRECOGNISED_VALUE, typeLabel(type) + " '" + id + "' encryptedSelf");
            }
            int suite = v1 && v2 ? 2 : v1 ? 0 : v2 ? 1 : 3;
            entityCounts[type.ordinal()][suite]++;
            if (suite == 2) {
                mixedEntities++;
            }
            if (!creatorHasDelegation) {
                anomaly(AnomalyKind.ENTITY_WITHOUT_DELEGATION_TO_CREATOR, typeLabel(type) + " '" + id + "'"
                        + (creator == null ? " (no responsible, no delegations)" : " (creator " + creator + ")"));
            }
        }

        // ------------------------------------------------------------ parties

        private void party(ObjectNode document, JsonParser parser) {
            JsonNode idNode = document.get("id");
            if (idNode == null || !idNode.isTextual() || idNode.asText().isEmpty()) {
                anomaly(AnomalyKind.MALFORMED_DOCUMENT, "healthcare party without an id");
                return;
            }
            if (idNode.asText().length() > MAX_ID_LENGTH) {
                throw overLimit(parser, String.format(java.util.Locale.ROOT, "a healthcare party id of %,d characters, over %,d",
                        idNode.asText().length(), MAX_ID_LENGTH), "MAX_ID_LENGTH");
            }
            String id = idNode.asText();
            JsonNode signing = document.get(HealthcareParty.SIGNING_KEY);
            JsonNode keySignature = document.get(HealthcareParty.PUBLIC_KEY_SIGNATURE);
            PartyFound party = new PartyFound(id,
                    signing != null && signing.isTextual() ? Optional.of(signing.asText()) : Optional.empty(),
                    keySignature != null && keySignature.isTextual());
            if (partiesById.putIfAbsent(id, party) != null) {
                anomaly(AnomalyKind.DUPLICATE_ID, "healthcare party id '" + id + "'");
            }
            parties.add(party);
            if (party.publicKeySigned) {
                countValue(ValueRole.PUBLIC_KEY_SIGNATURE, keySignature.asText());
            }
            String current = text(document.get("publicKey"));
            if (current != null) {
                addKey(party, current, true);
            }
            JsonNode old = document.get("oldPublicKeys");
            if (old != null && old.isArray()) {
                old.forEach(key -> {
                    if (key.isTextual()) {
                        addKey(party, key.asText(), false);
                    }
                });
            }
            JsonNode exchange = document.get("aesExchangeKeys");
            if (exchange != null && exchange.isObject()) {
                exchange.fieldNames().forEachRemaining(spki -> addKey(party, spki, false));
            }
            pairKeysOf(party, document, current);
            JsonNode rotations = document.get(HealthcareParty.SIGNING_KEY_ROTATIONS);
            if (rotations != null && rotations.isArray()) {
                for (JsonNode rotation : rotations) {
                    party.signingKeyRotations++;
                    String signature = text(rotation.get("signature"));
                    if (signature != null) {
                        countValue(ValueRole.SIGNING_KEY_ROTATION, signature);
                    }
                }
            }
            JsonNode requests = document.get(PartyDocumentEdit.REQUESTS);
            if (requests != null && requests.isArray()) {
                party.keyUpdateRequests = requests.size();
            }
        }

        private void addKey(PartyFound party, String spki, boolean current) {
            if (spki.length() < KeyFingerprint.LENGTH) {
                anomaly(AnomalyKind.MALFORMED_DOCUMENT, "healthcare party '" + party.id + "': a public key too short to be one");
                return;
            }
            String fingerprint = KeyFingerprint.of(spki).value();
            for (RsaKey known : party.keys) {
                if (known.fingerprint().equals(fingerprint)) {
                    return;
                }
            }
            party.fingerprints.add(fingerprint);
            party.keys.add(new RsaKey(fingerprint, RsaPublicKeyInfo.modulusBits(spki), current));
        }

        private void pairKeysOf(PartyFound party, ObjectNode document, String currentSpki) {
            Map<String, List<FoundPairKey>> v1ByDelegate = new LinkedHashMap<>();
            List<FoundPairKey> v2 = new ArrayList<>();
            String owner = party.id;
            JsonNode entries = document.get(HealthcareParty.PAIR_KEYS);
            if (entries != null && entries.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = entries.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> byDelegate = it.next();
                    if (!byDelegate.getValue().isArray()) {
                        anomaly(AnomalyKind.MALFORMED_DOCUMENT, "healthcare party '" + owner + "': medcryptPairKeys['"
                                + byDelegate.getKey() + "'] is not an array");
                        continue;
                    }
                    for (JsonNode entry : byDelegate.getValue()) {
                        FoundPairKey key = entryKey(owner, byDelegate.getKey(), entry);
                        if (key == null) {
                            continue;
                        }
                        (key.suite == V2 ? v2 : v1ByDelegate.computeIfAbsent(key.delegate, d -> new ArrayList<>(1))).add(key);
                    }
                }
            }
            JsonNode exchange = document.get("aesExchangeKeys");
            if (exchange != null && exchange.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> owners = exchange.fields(); owners.hasNext(); ) {
                    Map.Entry<String, JsonNode> byOwnerKey = owners.next();
                    if (!byOwnerKey.getValue().isObject()) {
                        continue;
                    }
                    for (Iterator<Map.Entry<String, JsonNode>> ds = byOwnerKey.getValue().fields(); ds.hasNext(); ) {
                        Map.Entry<String, JsonNode> delegate = ds.next();
                        if (!delegate.getValue().isObject()) {
                            continue;
                        }
                        FoundPairKey key = new FoundPairKey(owner, delegate.getKey(), V1);
                        key.displaced = false;
                        key.ownerSpki = byOwnerKey.getKey();
                        delegate.getValue().fields().forEachRemaining(copy -> {
                            if (copy.getValue().isTextual()) {
                                key.copies.add(copy.getValue().asText());
                                key.fingerprints.add(copy.getKey());
                                countValue(ValueRole.WRAPPED_PAIR_KEY, copy.getValue().asText());
                            }
                        });
                        v1ByDelegate.computeIfAbsent(key.delegate, d -> new ArrayList<>(1)).add(key);
                    }
                }
            }
            JsonNode legacy = document.get("hcPartyKeys");
            if (legacy != null && legacy.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = legacy.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> pair = it.next();
                    FoundPairKey key = new FoundPairKey(owner, pair.getKey(), V1);
                    key.displaced = false;
                    if (pair.getValue().isArray()) {
                        pair.getValue().forEach(copy -> {
                            if (copy.isTextual()) {
                                key.copies.add(copy.asText());
                                countValue(ValueRole.WRAPPED_PAIR_KEY, copy.asText());
                            }
                        });
                    }
                    List<FoundPairKey> same = v1ByDelegate.computeIfAbsent(key.delegate, d -> new ArrayList<>(1));
                    Optional<FoundPairKey> current = same.stream()
                            .filter(k -> currentSpki != null && currentSpki.equals(k.ownerSpki)).findFirst();
                    if (current.isPresent()) {
                        current.get().absorb(key);
                    } else {
                        same.add(key);
                    }
                }
            }
            for (List<FoundPairKey> keys : v1ByDelegate.values()) {
                for (FoundPairKey key : mergeSharingCopies(keys)) {
                    key.compact();
                    pairKeys.add(key);
                    party.pairKeys++;
                }
            }
            v2.forEach(FoundPairKey::compact);
            pairKeys.addAll(v2);
            party.pairKeys += v2.size();
        }

        private FoundPairKey entryKey(String owner, String delegate, JsonNode entry) {
            String suite = text(entry.get("suite"));
            if (!entry.isObject() || !"v1".equals(suite) && !"v2".equals(suite)) {
                anomaly(AnomalyKind.MALFORMED_DOCUMENT, "healthcare party '" + owner + "': a medcryptPairKeys['" + delegate
                        + "'] entry of no known suite");
                return null;
            }
            FoundPairKey key = new FoundPairKey(owner, delegate, suite.equals("v2") ? V2 : V1);
            if (entry.path("displaced").asBoolean(false)) {
                JsonNode copies = entry.get("copies");
                if (copies != null && copies.isObject()) {
                    copies.fields().forEachRemaining(copy -> {
                        if (copy.getValue().isTextual()) {
                            key.copies.add(copy.getValue().asText());
                            countValue(ValueRole.WRAPPED_PAIR_KEY, copy.getValue().asText());
                            if (!copy.getKey().startsWith("hcPartyKeys[")) {
                                key.fingerprints.add(copy.getKey());
                            }
                        }
                    });
                }
                return key;
            }
            key.displaced = false;
            for (String field : List.of("forOwner", "forDelegate")) {
                String copy = text(entry.get(field));
                if (copy != null) {
                    key.copies.add(copy);
                    countValue(ValueRole.WRAPPED_PAIR_KEY, copy);
                }
            }
            for (String field : List.of("ownerKey", "delegateKey")) {
                String fingerprint = text(entry.get(field));
                if (fingerprint != null) {
                    key.fingerprints.add(fingerprint);
                }
            }
            String signature = text(entry.get("signature"));
            if (signature != null) {
                key.signed = true;
                countValue(ValueRole.PAIR_KEY_SIGNATURE, signature);
            }
            return key;
        }

        /** v1 keys of one pair that share a wrapped copy are one key. */
        private static List<FoundPairKey> mergeSharingCopies(List<FoundPairKey> keys) {
            List<FoundPairKey> merged = new ArrayList<>();
            for (FoundPairKey key : keys) {
                FoundPairKey into = null;
                for (Iterator<FoundPairKey> it = merged.iterator(); it.hasNext(); ) {
                    FoundPairKey other = it.next();
                    if (other.copies.stream().anyMatch(key.copies::contains)) {
                        if (into == null) {
                            other.absorb(key);
                            into = other;
                        } else {
                            into.absorb(other);
                            it.remove();
                        }
                    }
                }
                if (into == null) {
                    merged.add(key);
                }
            }
            return merged;
        }

        private void countValue(ValueRole role, String text) {
            int suite = classify(text, role);
            valueCounts[role.ordinal()][suite]++;
            if (suite == UNRECOGNISED) {
                anomaly(AnomalyKind.UNRECOGNISED_VALUE, "a party's " + roleLabel(role));
            }
        }

        private static String text(JsonNode node) {
            return node != null && node.isTextual() ? node.asText() : null;
        }

        private void anomaly(AnomalyKind kind, String example) {
            anomalies.computeIfAbsent(kind, k -> new Examples()).add(example);
        }

        // ------------------------------------------------------------ the report

        AuditReport report(long bytes) {
            progress.report(bytes, entities);
            for (FoundPairKey key : pairKeys) {
                PartyFound delegate = partiesById.get(key.delegate);
                if (delegate == null) {
                    anomaly(AnomalyKind.PAIR_KEY_FOR_UNKNOWN_PARTY, SUITES[key.suite] + " pair key " + key.owner + " → "
                            + key.delegate);
                }
                PartyFound owner = partiesById.get(key.owner);
                for (String fingerprint : key.fingerprints) {
                    boolean known = owner != null && owner.fingerprints.contains(fingerprint)
                            || delegate != null && delegate.fingerprints.contains(fingerprint);
                    if (!known) {
                        anomaly(AnomalyKind.COPY_FOR_UNKNOWN_FINGERPRINT, SUITES[key.suite] + " pair key " + key.owner
                                + " → " + key.delegate + ": copy for " + fingerprint);
                    }
                }
            }
            Set<PairUse> available = new HashSet<>();
            for (FoundPairKey key : pairKeys) {
                available.add(new PairUse(key.owner, key.delegate, key.suite));
            }
            pairUses.forEach((use, examples) -> {
                if (!partiesById.containsKey(use.owner())) {
                    anomaly(AnomalyKind.DELEGATION_FROM_UNKNOWN_PARTY, examples, SUITES[use.suite()] + " entries "
                            + use.owner() + " → " + use.delegate());
                } else if (!available.contains(use)) {
                    anomaly(AnomalyKind.DELEGATION_WITHOUT_PAIR_KEY, examples, SUITES[use.suite()] + " entries "
                            + use.owner() + " → " + use.delegate());
                }
            });
            return new AuditReport(bytes, partyList(), pairKeyCounts(), entityCounts(), valueCounts(), v1Debt(),
                    quantumVulnerable(), anomalyList(), Optional.empty());
        }

        private void anomaly(AnomalyKind kind, Examples uses, String what) {
            Examples target = anomalies.computeIfAbsent(kind, k -> new Examples());
            target.count += uses.count;
            if (target.examples.size() < EXAMPLES) {
                target.examples.add(what + " (" + uses.count + ", e.g. '" + uses.examples.get(0) + "')");
            }
        }

        private List<AuditReport.Party> partyList() {
            List<AuditReport.Party> list = new ArrayList<>();
            for (PartyFound party : parties) {
                list.add(new AuditReport.Party(party.id, party.keys, party.signingKey.isPresent(), party.publicKeySigned,
                        party.pairKeys, party.signingKeyRotations, party.keyUpdateRequests));
            }
            return list;
        }

        private List<PairKeyCount> pairKeyCounts() {
            Map<List<Object>, Long> counts = new LinkedHashMap<>();
            for (int suite : new int[] {V1, V2}) {
                for (FoundPairKey key : pairKeys) {
                    if (key.suite == suite) {
                        counts.merge(List.of(suite, key.signed, key.displaced), 1L, Long::sum);
                    }
                }
            }
            List<PairKeyCount> list = new ArrayList<>();
            counts.forEach((k, count) -> list.add(new PairKeyCount(SUITES[(int) k.get(0)],
                    (int) k.get(0) == V1 ? "SHA-1" : "SHA-256", (boolean) k.get(1), (boolean) k.get(2), count)));
            return list;
        }

        private List<EntityCount> entityCounts() {
            String[] labels = {"v1", "v2", "mixed", "none"};
            List<EntityCount> list = new ArrayList<>();
            for (EntityType type : EntityType.values()) {
                for (int suite = 0; suite < labels.length; suite++) {
                    long count = entityCounts[type.ordinal()][suite];
                    if (count > 0) {
                        list.add(new EntityCount(typeLabel(type), labels[suite], count));
                    }
                }
            }
            return list;
        }

        private List<ValueCount> valueCounts() {
            List<ValueCount> list = new ArrayList<>();
            for (ValueRole role : ValueRole.values()) {
                for (int suite = 0; suite < SUITES.length; suite++) {
                    long count = valueCounts[role.ordinal()][suite];
                    if (count > 0) {
                        list.add(new ValueCount(roleLabel(role), SUITES[suite], count));
                    }
                }
            }
            return list;
        }

        private AuditReport.V1Debt v1Debt() {
            long v1Entities = 0;
            for (long[] byType : entityCounts) {
                v1Entities += byType[0] + byType[2];
            }
            long v1Values = 0;
            for (ValueRole role : new ValueRole[] {ValueRole.SECRET_ID, ValueRole.CONTENT_KEY, ValueRole.PARENT_ID,
                    ValueRole.ENCRYPTED_SELF}) {
                v1Values += valueCounts[role.ordinal()][V1];
            }
            long v1PairKeys = pairKeys.stream().filter(k -> k.suite == V1).count();
            long unsigned = pairKeys.stream().filter(k -> k.suite == V1 && !k.signed).count();
            // distinct wrapped texts: a signed v1 key's copies are in iCure's slots and in medcryptPairKeys
            long sha1Copies = pairKeys.stream().filter(k -> k.suite == V1).mapToLong(k -> k.copyCount).sum();
            return new AuditReport.V1Debt(v1Entities, mixedEntities, v1Values, v1PairKeys, unsigned, sha1Copies,
                    contentKeys128, contentKeys256, contentKeysUnknown);
        }

        private List<QuantumVulnerableAsset> quantumVulnerable() {
            List<QuantumVulnerableAsset> list = new ArrayList<>();
            for (PartyFound party : parties) {
                for (RsaKey key : party.keys) {
                    Optional<Integer> strength = key.bits().flatMap(QuantumTransition::rsaSecurityBits);
                    list.add(new QuantumVulnerableAsset(party.id, "RSA", key.fingerprint(), key.bits(), strength,
                            QuantumTransition.deprecatedAfter(strength), QuantumTransition.disallowedAfter(),
                            "RSA-OAEP wrapping of pair keys" + (key.current() ? "" : " (older key pair)")));
                }
                party.signingKey.ifPresent(signing -> list.add(new QuantumVulnerableAsset(party.id, "Ed25519",
                        signing.toLowerCase(java.util.Locale.ROOT), Optional.of(255), Optional.of(128), Optional.empty(),
                        QuantumTransition.disallowedAfter(), "Ed25519 signatures of pair keys and of the RSA public key")));
            }
            return list;
        }

        private List<Anomaly> anomalyList() {
            List<Anomaly> list = new ArrayList<>();
            for (AnomalyKind kind : AnomalyKind.values()) {
                Examples examples = anomalies.get(kind);
                if (examples != null) {
                    list.add(new Anomaly(kind, examples.count, List.copyOf(new LinkedHashSet<>(examples.examples))));
                }
            }
            return list;
        }
    }
}
