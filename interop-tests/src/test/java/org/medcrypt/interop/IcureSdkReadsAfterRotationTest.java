package org.medcrypt.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medcrypt.agility.KeyRotation;
import org.medcrypt.json.Dataset;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.DataOwnerKeys;
import org.medcrypt.model.EncryptableEntity;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;
import org.medcrypt.tck.Fixture;

/**
 * After key rotation, iCure's SDK code ({@code tools/icure-v1-fixture/verify.mjs}, {@code @icure/api}
 * 6.4.4 where {@code ICURE_API_NODE_MODULES} names it) reads a v1 dataset with each rotated party's
 * new RSA key alone, through the copies rotation and the grants add in iCure's multi-key form
 * ({@code aesExchangeKeys[owner key][delegate][new fingerprint]}), exactly as medcrypt does and as
 * both did before the rotation.
 */
class IcureSdkReadsAfterRotationTest {

    private static final Path VERIFY = Path.of("..", "tools", "icure-v1-fixture", "verify.mjs").toAbsolutePath().normalize();
    private static final Map<String, KeyPair> NEW_RSA = new TreeMap<>();
    private static final Map<String, byte[]> NEW_SIGNING = new TreeMap<>();

    static {
        try {
            KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
            rsa.initialize(2048);
            KeyPairGenerator ed25519 = KeyPairGenerator.getInstance("Ed25519");
            for (String party : List.of("A", "B")) {
                NEW_RSA.put(party, rsa.generateKeyPair());
                byte[] pkcs8 = ed25519.generateKeyPair().getPrivate().getEncoded();
                NEW_SIGNING.put(party, DataOwnerKeys.ed25519Pkcs8(Arrays.copyOfRange(pkcs8, pkcs8.length - 32, pkcs8.length)));
            }
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static DataOwnerKeys newKeys(String party, CryptoProvider provider) {
        return DataOwnerKeys.fromPkcs8(party, provider, List.of(NEW_RSA.get(party).getPrivate().getEncoded(),
                NEW_SIGNING.get(party).clone()));
    }

    @ParameterizedTest(name = "rotated with {0}")
    @ValueSource(strings = {"jca", "bouncycastle"})
    void iCuresSdkReadsWithTheNewKeyAloneAfterRotationAndGrants(String providerId, @TempDir Path folder) throws Exception {
        assumeTrue(nodeAvailable(), "node is not on the PATH: the independent reader cannot run");
        CryptoProvider provider = Providers.get(providerId);
        EntityStore store = Parties.newStore();
        DelegationService a = Parties.as("A", provider, store, Suite.V1_ICURE);
        DelegationService b = Parties.as("B", provider, store, Suite.V1_ICURE);
        Patient patient = a.createPatient(MedcryptJson.parseObject("{\"id\":\"1234\",\"note\":\"Allergic to penicillin\"}", "p"));
        a.createChild(EntityType.CONTACT, MedcryptJson.parseObject("{\"id\":\"4567\",\"descr\":\"cough\"}", "c"), patient);
        a.shareWithCascade(store.patient("1234").orElseThrow(), "B");                 // {AB}
        b.shareWithCascade(store.patient("1234").orElseThrow(), "C");                 // {BC}
        EncryptableEntity<?> mine = b.createChild(EntityType.CONTACT,
                MedcryptJson.parseObject("{\"id\":\"CB\",\"descr\":\"B's contact\"}", "c"), store.patient("1234").orElseThrow());
        share(b, mine, "A");                                                          // {BA}
        Map<String, ObjectNode> before = new TreeMap<>();
        for (String party : List.of("A", "B", "C")) {
            before.put(party, Fixture.whatCanBeRead(reader(provider, store, Parties.keys(party, provider))));
        }

        KeyRotation rotation = KeyRotation.of(provider, store);
        rotation.rotate(Parties.keys("B", provider), newKeys("B", provider));        // asks A for {AB}
        rotation.grantKeyUpdates(Parties.keys("A", provider));
        rotation.rotate(Parties.keys("A", provider), newKeys("A", provider));        // asks B for {BA}
        rotation.grantKeyUpdates(newKeys("B", provider));
        assertThat(KeyRotation.unreadableWithoutOldKey(store, "A")).isEmpty();
        assertThat(KeyRotation.unreadableWithoutOldKey(store, "B")).isEmpty();

        Path dataset = folder.resolve("dataset.json");
        Dataset.empty().with(store).writeAtomically(dataset);
        for (String party : List.of("A", "B", "C")) {
            byte[] rsa = party.equals("C") ? Parties.pkcs8("C") : NEW_RSA.get(party).getPrivate().getEncoded();
            Path key = folder.resolve(party + ".pkcs8.hex");
            Files.writeString(key, HexFormat.of().formatHex(rsa));
            ObjectNode seenByIcure = runVerify(dataset, party, key);
            ObjectNode seenByMedcrypt = Fixture.whatCanBeRead(reader(provider, Dataset.read(dataset).toStore(),
                    DataOwnerKeys.fromPkcs8(party, provider, List.of(rsa))));
            assertThat(seenByMedcrypt).as("what medcrypt reads as %s with the new key alone", party).isEqualTo(before.get(party));
            assertThat(seenByIcure).as("what iCure's SDK reads as %s with the new key alone", party).isEqualTo(before.get(party));
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void share(DelegationService service, EncryptableEntity<?> entity, String delegate) {
        service.shareWith((EncryptableEntity) entity, delegate);
    }

    private static DelegationService reader(CryptoProvider provider, EntityStore store, DataOwnerKeys keys) {
        return DelegationService.builder().provider(provider).store(store).dataOwner(keys).build();
    }

    private static boolean nodeAvailable() {
        try {
            Process process = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static ObjectNode runVerify(Path dataset, String party, Path key) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", VERIFY.toString(), dataset.toString(), party, key.toString()));
        ProcessBuilder builder = new ProcessBuilder(command);
        if (System.getenv("ICURE_API_NODE_MODULES") != null) {
            builder.environment().put("ICURE_FIXTURE_REQUIRE_SDK", "1"); // the SDK is installed: use nothing else
        }
        Process process = builder.start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        if (!err.isBlank()) {
            System.out.println("verify.mjs (" + party + "): " + err.strip());
        }
        assertThat(process.exitValue()).as("verify.mjs exit code; stderr: " + err).isZero();
        return MedcryptJson.parseObject(out, "verify.mjs output");
    }
}
