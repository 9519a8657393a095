package org.medcrypt.agility;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.medcrypt.FormatException;
import org.medcrypt.agility.AuditReport.AnomalyKind;
import org.medcrypt.agility.AuditReport.EntityCount;
import org.medcrypt.agility.AuditReport.PairKeyCount;
import org.medcrypt.agility.AuditReport.ValueCount;
import org.medcrypt.internal.format.V2Envelope;
import org.medcrypt.internal.format.ValueRole;
import org.medcrypt.spi.Suite;
import org.junit.jupiter.api.Test;

/**
 * The keyless audit against what the datasets hold. On the dataset iCure's SDK made, every
 * expected count is computed here from a plain Jackson tree (and RSA sizes with the JDK's
 * KeyFactory), not by the audit's code.
 */
class KeylessAuditTest {

    private static final String[] COLLECTIONS = {"patients", "contacts", "forms", "healthElements"};
    private static final String[] TYPES = {"patient", "contact", "form", "healthElement"};

    @Test
    void countsOfTheIcureSdkDatasetMatchWhatItHolds() throws Exception {
        JsonNode dataset = IcureFixture.tree(IcureFixture.DATASET);
        AuditReport report = KeylessAudit.of(IcureFixture.DATASET, KeylessAudit.Progress.none());

        assertThat(report.datasetBytes()).isEqualTo(java.nio.file.Files.size(IcureFixture.DATASET));
        // parties and their keys
        JsonNode parties = dataset.get("healthcareParties");
        assertThat(report.parties()).hasSize(parties.size());
        KeyFactory rsa = KeyFactory.getInstance("RSA");
        for (int i = 0; i < parties.size(); i++) {
            JsonNode party = parties.get(i);
            AuditReport.Party audited = report.parties().get(i);
            assertThat(audited.id()).isEqualTo(party.get("id").asText());
            Set<String> keys = new LinkedHashSet<>();
            keys.add(party.get("publicKey").asText());
            party.path("oldPublicKeys").forEach(k -> keys.add(k.asText()));
            party.path("aesExchangeKeys").fieldNames().forEachRemaining(keys::add);
            assertThat(audited.keyPairs()).isEqualTo(keys.size());
            List<String> fingerprints = new ArrayList<>();
            List<Integer> bits = new ArrayList<>();
            for (String spki : keys) {
                fingerprints.add(spki.substring(spki.length() - 32));
                RSAPublicKey key = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(HexFormat.of().parseHex(spki)));
                bits.add(key.getModulus().bitLength());
            }
            assertThat(audited.rsaKeys()).extracting(AuditReport.RsaKey::fingerprint).containsExactlyElementsOf(fingerprints);
            assertThat(audited.rsaKeys()).extracting(k -> k.bits().orElseThrow()).containsExactlyElementsOf(bits);
            assertThat(audited.signingKeyPresent()).isEqualTo(party.has("medcryptSigningKey"));
        }
        assertThat(report.parties()).filteredOn(p -> p.id().equals("C")).singleElement()
                .satisfies(c -> assertThat(c.keyPairs()).isEqualTo(2));

        // pair keys: iCure writes one key in both forms; hcPartyKeys[D] is aesExchangeKeys[publicKey][D]'s
        long pairKeys = 0;
        long copies = 0;
        for (JsonNode party : parties) {
            Set<String> delegates = new HashSet<>();
            party.path("hcPartyKeys").fieldNames().forEachRemaining(delegates::add);
            copies += 2L * party.path("hcPartyKeys").size();
            String current = party.get("publicKey").asText();
            for (Map.Entry<String, JsonNode> byOwnerKey : iterable(party.path("aesExchangeKeys").fields())) {
                for (Map.Entry<String, JsonNode> delegate : iterable(byOwnerKey.getValue().fields())) {
                    copies += delegate.getValue().size();
                    if (byOwnerKey.getKey().equals(current)) {
                        delegates.add(delegate.getKey());
                    } else {
                        pairKeys++;
                    }
                }
            }
            pairKeys += delegates.size();
        }
        assertThat(pairKeys).isEqualTo(3); // A→A, A→B, A→C, as the fixture's README says
        assertThat(report.pairKeys()).containsExactly(new PairKeyCount("v1", "SHA-1", false, false, pairKeys));
        assertThat(report.pairKeyTotal()).isEqualTo(pairKeys);

        // entities and values
        long delegations = 0;
        long encryptionKeys = 0;
        long cryptedForeignKeys = 0;
        long encryptedSelves = 0;
        List<EntityCount> entities = new ArrayList<>();
        for (int t = 0; t < COLLECTIONS.length; t++) {
            JsonNode list = dataset.path(COLLECTIONS[t]);
            if (list.size() > 0) {
                entities.add(new EntityCount(TYPES[t], "v1", list.size()));
            }
            for (JsonNode entity : list) {
                delegations += entries(entity.path("delegations"));
                encryptionKeys += entries(entity.path("encryptionKeys"));
                cryptedForeignKeys += entries(entity.path("cryptedForeignKeys"));
                encryptedSelves += entity.has("encryptedSelf") ? 1 : 0;
            }
        }
        assertThat(report.entities()).containsExactlyElementsOf(entities);
        assertThat(report.entityTotal()).isEqualTo(4);
        assertThat(report.values()).containsExactly(
                new ValueCount("secretId", "v1", delegations),
                new ValueCount("contentKey", "v1", encryptionKeys),
                new ValueCount("parentId", "v1", cryptedForeignKeys),
                new ValueCount("encryptedSelf", "v1", encryptedSelves),
                new ValueCount("wrappedPairKey", "v1", copies));

        // v1 debt: the content key sizes, from the keys the fixture's readers decrypt (expected.json)
        JsonNode expected = IcureFixture.tree(IcureFixture.FOLDER.resolve("expected.json")).get("A");
        long uuidKeys = 0;
        long hex64Keys = 0;
        for (String collection : COLLECTIONS) {
            for (JsonNode entity : dataset.path(collection)) {
                String key = expected.get(collection).get(entity.get("id").asText()).get("encryptionKeys").get(0).asText();
                long entries = entries(entity.path("encryptionKeys"));
                if (key.length() == 36) {
                    uuidKeys += entries;
                } else if (key.length() == 64) {
                    hex64Keys += entries;
                }
            }
        }
        assertThat(hex64Keys).isPositive();
        assertThat(report.v1Debt()).isEqualTo(new AuditReport.V1Debt(4, 0, delegations + encryptionKeys
                + cryptedForeignKeys + encryptedSelves, pairKeys, pairKeys, copies, uuidKeys, hex64Keys, 0));

        // every RSA key is quantum-vulnerable: RSA-2048 is 112-bit, deprecated after 2030, disallowed after 2035
        long rsaKeys = report.parties().stream().mapToLong(AuditReport.Party::keyPairs).sum();
        assertThat(report.quantumVulnerable()).hasSize((int) rsaKeys).allSatisfy(asset -> {
            assertThat(asset.algorithm()).isEqualTo("RSA");
            assertThat(asset.classicalSecurityBits()).contains(112);
            assertThat(asset.deprecatedAfter()).contains(2030);
            assertThat(asset.disallowedAfter()).isEqualTo(2035);
        });
        // C's copy of A→C is for C's old key, which C's document lists: not an anomaly
        assertThat(report.anomalies()).isEmpty();
        assertThat(report.access()).isEmpty();
    }

    @Test
    void anomaliesAreFoundAndNamed() {
        String spki = IcureFixture.tree(IcureFixture.DATASET).get("healthcareParties").get(0).get("publicKey").asText();
        String fp = spki.substring(spki.length() - 32);
        String hex = "00".repeat(64);
        String json = """
                {"healthcareParties": [
                  {"id": "P", "publicKey": "%1$s",
                   "hcPartyKeys": {"P": ["%2$s", "%2$s"], "Z": ["%2$s", "%2$s"]},
                   "aesExchangeKeys": {"%1$s": {"P": {"%3$s": "%2$s"}, "Q": {"%3$s": "11%2$s", "ffffffffffffffffffffffffffffffff": "22%2$s"}}}},
                  {"id": "Q", "publicKey": "%1$s"},
                  {"id": "Q", "publicKey": "%1$s"}],
                 "patients": [
                  {"id": "1", "responsible": "P", "delegations": {"P": [{"owner": "P", "delegatedTo": "P", "key": "%2$s"}]},
                   "encryptedSelf": "mc2:AgIEAAAA"},
                  {"id": "1", "delegations": {"Q": [{"owner": "Q", "delegatedTo": "Q", "key": "mc2:AgIBAAAA"}]}},
                  {"id": "2", "responsible": "Q", "delegations": {"P": [{"owner": "P", "delegatedTo": "P", "key": "mc2:AgICAAAA"}]}},
                  {"id": "3", "delegations": {"X": [{"owner": "X", "delegatedTo": "X", "key": "%2$s"}]}},
                  {"noId": true}],
                 "contacts": [{"id": "1", "delegations": {}, "secretForeignKeys": ["s"]}],
                 "somethingElse": {"kept": [1, 2]}}
                """.formatted(spki, hex, fp);
        AuditReport report = KeylessAudit.of(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test",
                KeylessAudit.Progress.none());

        assertThat(report.anomaly(AnomalyKind.DUPLICATE_ID)).get().satisfies(a -> {
            assertThat(a.count()).isEqualTo(3); // party Q twice, entity 1 three times
            assertThat(a.examples()).contains("healthcare party id 'Q'", "entity id '1' (patient)", "entity id '1' (contact)");
        });
        assertThat(report.anomaly(AnomalyKind.PAIR_KEY_FOR_UNKNOWN_PARTY)).get()
                .satisfies(a -> assertThat(a.examples()).containsExactly("v1 pair key P → Z"));
        assertThat(report.anomaly(AnomalyKind.COPY_FOR_UNKNOWN_FINGERPRINT)).get().satisfies(a -> {
            assertThat(a.count()).isEqualTo(1);
            assertThat(a.examples().get(0)).endsWith("copy for ffffffffffffffffffffffffffffffff");
        });
        // Q's v2 entry for itself: Q has no pair key at all
        assertThat(report.anomaly(AnomalyKind.DELEGATION_WITHOUT_PAIR_KEY)).get()
                .satisfies(a -> assertThat(a.examples()).containsExactly("v2 entries Q → Q (1, e.g. '1')"));
        assertThat(report.anomaly(AnomalyKind.DELEGATION_FROM_UNKNOWN_PARTY)).get()
                .satisfies(a -> assertThat(a.examples()).containsExactly("v1 entries X → X (1, e.g. '3')"));
        // patient 2: responsible Q has no entry; contact 1 has no delegations at all
        assertThat(report.anomaly(AnomalyKind.ENTITY_WITHOUT_DELEGATION_TO_CREATOR)).get().satisfies(a -> {
            assertThat(a.count()).isEqualTo(2);
            assertThat(a.examples()).containsExactly("patient '2' (creator Q)", "contact '1' (no responsible, no delegations)");
        });
        // a content-key envelope (role 02) in delegations does not name its role
        assertThat(report.anomaly(AnomalyKind.UNRECOGNISED_VALUE)).get()
                .satisfies(a -> assertThat(a.examples()).containsExactly("patient '2' delegations entry P → P"));
        assertThat(report.anomaly(AnomalyKind.MALFORMED_DOCUMENT)).get()
                .satisfies(a -> assertThat(a.examples()).containsExactly("patient without an id"));
        assertThat(report.values()).contains(new ValueCount("secretId", "v1", 2), new ValueCount("secretId", "v2", 1),
                new ValueCount("secretId", "unrecognised", 1), new ValueCount("encryptedSelf", "v2", 1));
        // the first patient 1: a v1 secret id and a v2 encryptedSelf; patient 2: only an unrecognised value
        assertThat(report.entities()).containsExactly(new EntityCount("patient", "v1", 1),
                new EntityCount("patient", "v2", 1), new EntityCount("patient", "mixed", 1),
                new EntityCount("patient", "none", 1), new EntityCount("contact", "none", 1));
        assertThat(report.v1Debt().mixedEntities()).isEqualTo(1);
        // P: hcPartyKeys[P] and aesExchangeKeys[P's key][P] are one key; Z and Q one each
        assertThat(report.parties().get(0).pairKeysOwned()).isEqualTo(3);
    }

    @Test
    void signingKeyRotationsAndPendingKeyUpdateRequestsAreCountedPerParty() {
        // header 02 02 08 (v2 envelope, v2 suite, signing-key rotation) is "AgII" in base64url
        String json = """
                {"healthcareParties": [
                  {"id": "A", "medcryptSigningKey": "%1$s",
                   "medcryptSigningKeyRotations": [{"previous": "%2$s", "next": "%1$s", "signature": "mc2:AgIIAAAA"},
                                                   {"previous": "%1$s", "next": "%2$s", "signature": "mc2:AgIGAAAA"}],
                   "medcryptKeyUpdateRequests": [{"from": "B"}, {"from": "C"}]},
                  {"id": "B"}]}
                """.formatted("ab".repeat(32), "cd".repeat(32));
        AuditReport report = KeylessAudit.of(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test",
                KeylessAudit.Progress.none());
        assertThat(report.parties()).extracting(AuditReport.Party::signingKeyRotations).containsExactly(2L, 0L);
        assertThat(report.parties()).extracting(AuditReport.Party::keyUpdateRequests).containsExactly(2L, 0L);
        // the second rotation's signature names another role: unrecognised
        assertThat(report.values()).containsExactly(new ValueCount("signingKeyRotation", "v2", 1),
                new ValueCount("signingKeyRotation", "unrecognised", 1));
    }

    @Test
    void v2ValuesAreToldFromTheirHeaderAndV1ContentKeySizesFromTheirLength() {
        assertThat(KeylessAudit.classify("mc2:AgIBoKGio6Slpqe", ValueRole.SECRET_ID)).isEqualTo(1);
        assertThat(KeylessAudit.classify("mc2:AgIBoKGio6Slpqe", ValueRole.CONTENT_KEY)).isEqualTo(2);
        assertThat(KeylessAudit.classify("mc2:AgEG", ValueRole.PAIR_KEY_SIGNATURE)).isEqualTo(0);
        assertThat(KeylessAudit.classify("abcdef01", ValueRole.SECRET_ID)).isEqualTo(0);
        assertThat(KeylessAudit.classify("abcdef0", ValueRole.SECRET_ID)).isEqualTo(2);
        assertThat(KeylessAudit.classify("q+/=", ValueRole.ENCRYPTED_SELF)).isEqualTo(0);
        assertThat(KeylessAudit.classify("q+/=", ValueRole.SECRET_ID)).isEqualTo(2);
        // entity "1234": a UUID key is 4+1+36 = 41 bytes → 48 padded, +16 IV = 64 bytes = 128 hex digits
        assertThat(KeylessAudit.v1ContentKeyBits("1234", 128)).isEqualTo(128);
        assertThat(KeylessAudit.v1ContentKeyBits("1234", 192)).isEqualTo(256); // 4+1+64 = 69 → 80 + 16 = 96 bytes
        assertThat(KeylessAudit.v1ContentKeyBits("1234", 160)).isZero();
        assertThat(KeylessAudit.v1ContentKeyBits("é", 128)).isEqualTo(128); // 2 UTF-8 bytes + 1 + 36 = 39 → 48
    }

    @Test
    void theHeaderIsReadAsV2EnvelopeWritesIt() {
        byte[] body = new byte[40];
        for (ValueRole written : ValueRole.values()) {
            for (Suite suite : Suite.values()) {
                for (int length : new int[] {0, 1, 2, 40}) {
                    String value = V2Envelope.encode(V2Envelope.header(suite, written), java.util.Arrays.copyOf(body, length));
                    for (ValueRole expected : ValueRole.values()) {
                        int classified = KeylessAudit.classify(value, expected);
                        boolean opens = V2Envelope.body(value, suite, expected).isPresent();
                        assertThat(classified).as(value + " as " + expected)
                                .isEqualTo(opens ? (suite == Suite.V1_ICURE ? 0 : 1) : 2);
                    }
                }
            }
        }
    }

    @Test
    void aFileThatIsNotADatasetIsAFormatError() {
        assertThatThrownBy(() -> KeylessAudit.of(new ByteArrayInputStream("[1]".getBytes(StandardCharsets.UTF_8)), "x",
                KeylessAudit.Progress.none())).isInstanceOf(FormatException.class).hasMessage("x must be a JSON object");
        assertThatThrownBy(() -> KeylessAudit.of(new ByteArrayInputStream("{\"patients\": {}}".getBytes(StandardCharsets.UTF_8)),
                "x", KeylessAudit.Progress.none())).isInstanceOf(FormatException.class)
                .hasMessage("dataset: 'patients' must be a JSON array");
        assertThatThrownBy(() -> KeylessAudit.of(new ByteArrayInputStream("{\"patients\": [".getBytes(StandardCharsets.UTF_8)),
                "x", KeylessAudit.Progress.none())).isInstanceOf(FormatException.class).hasMessageStartingWith("x is not valid JSON");
    }

    @Test
    void progressIsReportedAsTheScanGoes() {
        StringBuilder entities = new StringBuilder();
        int count = KeylessAudit.PROGRESS_EVERY * 2 + 5;
        for (int i = 0; i < count; i++) {
            entities.append(i == 0 ? "" : ",").append("{\"id\": \"").append(i)
                    .append("\", \"delegations\": {\"A\": [{\"owner\": \"A\", \"delegatedTo\": \"A\", \"key\": \"00\"}]}}");
        }
        byte[] json = ("{\"patients\": [" + entities + "]}").getBytes(StandardCharsets.UTF_8);
        List<long[]> reports = new ArrayList<>();
        AuditReport report = KeylessAudit.of(new ByteArrayInputStream(json), "x", (bytes, n) -> reports.add(new long[] {bytes, n}));
        assertThat(report.entityTotal()).isEqualTo(count);
        assertThat(reports).extracting(r -> r[1]).containsExactly((long) KeylessAudit.PROGRESS_EVERY,
                2L * KeylessAudit.PROGRESS_EVERY, (long) count);
        assertThat(reports.get(2)[0]).isEqualTo(json.length);
        assertThat(reports.get(0)[0]).isBetween(1L, (long) json.length);
    }

    private static long entries(JsonNode map) {
        long n = 0;
        for (JsonNode list : map) {
            n += list.size();
        }
        return n;
    }

    private static <T> Iterable<T> iterable(java.util.Iterator<T> iterator) {
        return () -> iterator;
    }
}
