package org.medcrypt.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medcrypt.agility.Migration;
import org.medcrypt.agility.MigrationResult;
import org.medcrypt.agility.Revocation;
import org.medcrypt.json.Dataset;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;
import org.medcrypt.tck.Fixture;

/**
 * {@code migrate --keep-v1} and {@code revoke} on v1 data: iCure's own SDK code ({@code tools/icure-v1-fixture/verify.mjs}, see
 * {@link IcureSdkReadsMedcryptTest}) reads exactly what it read before the migration, for every
 * party, while medcrypt readers read the v2 copy. Without {@code --keep-v1}, the SDK no longer sees
 * the migrated entities (their values are v2 only).
 */
class IcureSdkReadsMigratedTest {

    @ParameterizedTest(name = "migrated with {0}")
    @ValueSource(strings = {"jca", "accp", "conscrypt", "bouncycastle", "tink"})
    void iCuresSdkReadsTheSameAfterMigratingWithKeepV1(String providerId, @TempDir Path folder) throws Exception {
        assumeTrue(IcureSdkReadsMedcryptTest.nodeAvailable(), "node is not on the PATH: the independent reader cannot run");
        CryptoProvider provider = Providers.get(providerId);
        EntityStore store = v1Dataset(provider);
        // C has the patient from B; A migrates only access it granted itself, so A shares it with C too
        Parties.as("A", provider, store, Suite.V1_ICURE).shareWith(store.patient("1234").orElseThrow(), "C");
        Map<String, ObjectNode> before = whatIcureReads(store, folder, "before");
        assertThat(before.get("C").get("patients").has("1234")).isTrue();

        MigrationResult result = Migration.toV2(Parties.as("A", provider, store)).keepingV1().run();
        assertThat(result.migrated()).hasSize(3);

        assertThat(whatIcureReads(store, folder, "kept")).isEqualTo(before);
        for (String reader : List.of("A", "B", "C")) {
            DelegationService medcrypt = Parties.as(reader, provider, store);
            assertThat(medcrypt.decrypt(store.patient("1234").orElseThrow()).suite()).contains(Suite.V2_GCM_OAEP256);
            // medcrypt reads the v2 copy: the same fields iCure's SDK reads from the v1 one
            assertThat(Fixture.whatCanBeRead(medcrypt).get("patients").get("1234").get("decrypted"))
                    .isEqualTo(before.get(reader).get("patients").get("1234").get("decrypted"));
        }

        Migration.toV2(Parties.as("A", provider, store)).run(); // finishing: v1 removed
        Map<String, ObjectNode> after = whatIcureReads(store, folder, "finished");
        for (String reader : List.of("A", "B", "C")) {
            for (String collection : List.of("patients", "contacts", "healthElements")) {
                assertThat(after.get(reader).get(collection).size()).as(reader + " " + collection).isZero();
            }
        }
    }

    /**
     * {@code revoke} keeps a v1 entity in v1: iCure's SDK reads, as every remaining party, the same
     * fields as before, and as the revoked party nothing of the patient or its children.
     */
    @ParameterizedTest(name = "revoked with {0}")
    @ValueSource(strings = {"jca", "accp", "conscrypt", "bouncycastle", "tink"})
    void iCuresSdkReadsARevokedV1EntityAsEveryRemainingParty(String providerId, @TempDir Path folder) throws Exception {
        assumeTrue(IcureSdkReadsMedcryptTest.nodeAvailable(), "node is not on the PATH: the independent reader cannot run");
        CryptoProvider provider = Providers.get(providerId);
        EntityStore store = v1Dataset(provider);
        Parties.as("A", provider, store, Suite.V1_ICURE).shareWithCascade(store.patient("1234").orElseThrow(), "C");
        Map<String, ObjectNode> before = whatIcureReads(store, folder, "before");
        assertThat(before.get("C").get("contacts").has("4567")).isTrue();

        Revocation.by(Parties.as("A", provider, store)).revokeWithCascade(store.patient("1234").orElseThrow(), "B");

        Map<String, ObjectNode> after = whatIcureReads(store, folder, "revoked");
        for (String reader : List.of("A", "C")) {
            for (String collection : List.of("patients", "contacts", "healthElements")) {
                before.get(reader).get(collection).fields().forEachRemaining(entity -> assertThat(
                        after.get(reader).get(collection).get(entity.getKey()).get("decrypted"))
                        .as(reader + " " + entity.getKey()).isEqualTo(entity.getValue().get("decrypted")));
                assertThat(after.get(reader).get(collection).size()).isEqualTo(before.get(reader).get(collection).size());
            }
        }
        for (String collection : List.of("patients", "contacts", "healthElements")) {
            assertThat(after.get("B").get(collection).size()).as("B " + collection).isZero();
        }
    }

    /** A v1 patient with a contact and a health element, made by A, shared with B (cascade); B shares the patient with C. */
    private static EntityStore v1Dataset(CryptoProvider provider) {
        EntityStore store = Parties.newStore();
        DelegationService a = Parties.as("A", provider, store, Suite.V1_ICURE);
        Patient patient = a.createPatient(MedcryptJson.parseObject(
                "{\"id\":\"1234\",\"firstName\":\"John\",\"lastName\":\"Keats\",\"note\":\"Allergic to penicillin ü\"}", "p"));
        a.createChild(EntityType.CONTACT, MedcryptJson.parseObject("{\"id\":\"4567\",\"descr\":\"cough\"}", "c"), patient);
        a.createChild(EntityType.HEALTH_ELEMENT,
                MedcryptJson.parseObject("{\"id\":\"HE-1\",\"descr\":\"Hypertension\",\"note\":\"stage 1\"}", "h"), patient);
        a.shareWithCascade(store.patient("1234").orElseThrow(), "B");
        Parties.as("B", provider, store, Suite.V1_ICURE).shareWith(store.patient("1234").orElseThrow(), "C");
        return store;
    }

    private static Map<String, ObjectNode> whatIcureReads(EntityStore store, Path folder, String name) throws Exception {
        Path dataset = folder.resolve(name + ".json");
        Dataset.empty().with(store).writeAtomically(dataset);
        Map<String, ObjectNode> read = new LinkedHashMap<>();
        for (String reader : List.of("A", "B", "C")) {
            Path key = folder.resolve(reader + ".pkcs8.hex");
            Files.writeString(key, HexFormat.of().formatHex(Parties.pkcs8(reader)));
            read.put(reader, IcureSdkReadsMedcryptTest.runVerify(dataset, reader, key));
        }
        return read;
    }
}
