package org.medcrypt.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;
import org.medcrypt.DecryptionFailedException;
import org.medcrypt.json.Dataset;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.PairKeyCache;
import org.medcrypt.model.EntityType;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.store.EntityStore;

/**
 * Every v2 value of a small entity — each small key, the encryptedSelf, each wrapped pair key and
 * each pair-key signature — with every single-bit flip, every truncation of 1 to 16 bytes and a
 * one-byte extension, is refused with the one generic {@link DecryptionFailedException}.
 */
@ParameterizedClass(name = "{0}")
@FieldSource("org.medcrypt.scheme.TestParties#PROVIDERS")
class V2TamperTest {

    @Parameter
    String providerId;

    /** A value to tamper with, and the read that must then fail. */
    private record Target(String pointer, String reader, Consumer<DelegationService> read) {
    }

    @Test
    void everyMutationOfEveryV2ValueIsAGenericDecryptionFailure() {
        CryptoProvider provider = TestParties.provider(providerId);
        EntityStore store = TestParties.newStore();
        DelegationService a = TestParties.as("A", provider, store);
        // P1 and its contact C1 stay A's alone; P2 and C2 are shared with B
        Patient p1 = a.createPatient(MedcryptJson.parseObject("{\"id\":\"P1\",\"note\":\"only A\"}", "test"));
        a.createChild(EntityType.CONTACT, MedcryptJson.parseObject("{\"id\":\"C1\",\"descr\":\"c1\"}", "test"), p1);
        Patient p2 = a.createPatient(MedcryptJson.parseObject("{\"id\":\"P2\",\"note\":\"A and B\"}", "test"));
        a.createChild(EntityType.CONTACT, MedcryptJson.parseObject("{\"id\":\"C2\",\"descr\":\"c2\"}", "test"), p2);
        a.shareWithCascade(store.patient("P2").orElseThrow(), "B");
        ObjectNode dataset = Dataset.empty().with(store).toJson();

        int partyA = indexOf(dataset, "healthcareParties", "A");
        List<Target> targets = new ArrayList<>();
        for (String[] setup : new String[][] {{"A", "P1", "C1"}, {"B", "P2", "C2"}}) {
            String reader = setup[0];
            int patient = indexOf(dataset, "patients", setup[1]);
            int contact = indexOf(dataset, "contacts", setup[2]);
            String p = "/patients/" + patient;
            Consumer<DelegationService> decryptPatient = service -> service.decrypt(service.store().patient(setup[1]).orElseThrow());
            targets.add(new Target(p + "/delegations/" + reader + "/0/key", reader,
                    service -> service.secretForeignKeys(service.store().patient(setup[1]).orElseThrow())));
            targets.add(new Target(p + "/encryptionKeys/" + reader + "/0/key", reader, decryptPatient));
            targets.add(new Target(p + "/encryptedSelf", reader, decryptPatient));
            targets.add(new Target("/contacts/" + contact + "/cryptedForeignKeys/" + reader + "/0/key", reader,
                    service -> service.parentIds(service.store().entity(EntityType.CONTACT, setup[2]).orElseThrow())));
            String pairKey = "/healthcareParties/" + partyA + "/medcryptPairKeys/" + reader + "/0/";
            for (String field : List.of("forOwner", "forDelegate", "signature")) {
                targets.add(new Target(pairKey + field, reader, decryptPatient));
            }
        }

        int mutations = 0;
        for (Target target : targets) {
            String original = dataset.at(target.pointer()).asText();
            assertThat(original).as(target.pointer()).startsWith("mc2:");
            byte[] bytes = Base64.getUrlDecoder().decode(original.substring(4));
            PairKeyCache cache = PairKeyCache.create(); // shared across mutations: tampered copies never hit it
            // the untouched dataset reads (the control)
            target.read().accept(reader(provider, dataset, target.reader(), cache));
            for (byte[] mutated : mutationsOf(bytes)) {
                ObjectNode copy = dataset.deepCopy();
                set(copy, target.pointer(), "mc2:" + Base64.getUrlEncoder().withoutPadding().encodeToString(mutated));
                DelegationService service = reader(provider, copy, target.reader(), cache);
                try {
                    target.read().accept(service);
                    fail("a mutation of " + target.pointer() + " was accepted");
                } catch (DecryptionFailedException expected) {
                    mutations++;
                } catch (RuntimeException other) {
                    fail("a mutation of " + target.pointer() + " gave " + other.getClass().getSimpleName()
                            + " instead of the generic decryption error: " + other.getMessage());
                }
            }
        }
        System.out.printf("v2 tamper test on %s: %d values, %d mutations, all refused with the generic error%n",
                providerId, targets.size(), mutations);
        assertThat(mutations).isGreaterThan(10_000);
    }

    /** Every single-bit flip, every truncation of 1..16 bytes, and a one-byte extension. */
    static List<byte[]> mutationsOf(byte[] bytes) {
        List<byte[]> out = new ArrayList<>(bytes.length * 8 + 17);
        for (int bit = 0; bit < bytes.length * 8; bit++) {
            byte[] flipped = bytes.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            out.add(flipped);
        }
        for (int cut = 1; cut <= 16 && cut < bytes.length; cut++) {
            out.add(Arrays.copyOf(bytes, bytes.length - cut));
        }
        out.add(Arrays.copyOf(bytes, bytes.length + 1));
        return out;
    }

    private static DelegationService reader(CryptoProvider provider, ObjectNode dataset, String party, PairKeyCache cache) {
        EntityStore store = Dataset.fromJson(dataset).toStore();
        return TestParties.as(party, provider, store, builder -> builder.pairKeyCache(cache));
    }

    static int indexOf(ObjectNode dataset, String collection, String id) {
        JsonNode list = dataset.get(collection);
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).path("id").asText().equals(id)) {
                return i;
            }
        }
        throw new AssertionError(id + " not in " + collection);
    }

    static void set(ObjectNode root, String pointer, String value) {
        JsonPointer path = JsonPointer.compile(pointer);
        JsonNode parent = root.at(path.head());
        String last = path.last().getMatchingProperty();
        if (parent.isArray()) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(Integer.parseInt(last), TextNode.valueOf(value));
        } else {
            ((ObjectNode) parent).set(last, TextNode.valueOf(value));
        }
    }

    @Test
    void aValueOfAnUnknownEnvelopeVersionIsAGenericFailureToo() {
        CryptoProvider provider = TestParties.provider(providerId);
        EntityStore store = TestParties.newStore();
        DelegationService a = TestParties.as("A", provider, store);
        a.createPatient(MedcryptJson.parseObject("{\"id\":\"P\",\"note\":\"n\"}", "test"));
        ObjectNode dataset = Dataset.empty().with(store).toJson();
        int p = indexOf(dataset, "patients", "P");
        set(dataset, "/patients/" + p + "/encryptedSelf", "mc2:not*base64url");
        DelegationService reader = reader(provider, dataset, "A", PairKeyCache.create());
        assertThatThrownBy(() -> reader.decrypt(reader.store().patient("P").orElseThrow()))
                .isExactlyInstanceOf(DecryptionFailedException.class);
    }
}
