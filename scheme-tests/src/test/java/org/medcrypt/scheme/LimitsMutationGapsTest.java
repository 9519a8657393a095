package org.medcrypt.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.medcrypt.AccessDeniedException;
import org.medcrypt.FormatException;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.DocumentLimits;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.keys.PairKeyCache;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.CryptoProvider;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;

/**
 * The document limits at their exact bounds, which mutation testing (PIT, {@code -Pmutation})
 * showed the other tests check only well over them ({@code RsaWorkBoundTest}): a document holding
 * exactly {@link DocumentLimits} of something is read, one more is refused naming the limit. A
 * patient of A shared with B in v1, the store adding junk; the JDK provider.
 */
class LimitsMutationGapsTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String NOTE = "for B";

    private final CryptoProvider provider = TestParties.provider("jca");
    private EntityStore store;

    @BeforeEach
    void aPatientSharedByAWithB() {
        store = TestParties.newStore();
        DelegationService a = TestParties.as("A", provider, store, builder -> builder.suite(Suite.V1_ICURE));
        ObjectNode patient = MedcryptJson.nodes().objectNode();
        patient.put("id", "P");
        patient.put("note", NOTE);
        a.shareWith(a.createPatient(patient), "B");
    }

    private DelegationService b() {
        return TestParties.as("B", provider, store, builder -> builder.suite(Suite.V1_ICURE).pairKeyCache(PairKeyCache.withCapacity(8)));
    }

    private static String junkHex(int bytes) {
        byte[] junk = new byte[bytes];
        RANDOM.nextBytes(junk);
        return HEX.formatHex(junk);
    }

    private String fingerprintB() {
        return KeyFingerprint.of(store.party("B").orElseThrow().publicKey().orElseThrow()).value();
    }

    /** Junk copies for B in A's aesExchangeKeys, each under its own made-up owner key. */
    private void junkOwnerKeys(int count) {
        ObjectNode a = store.party("A").orElseThrow().toJson();
        ObjectNode exchange = (ObjectNode) a.get("aesExchangeKeys");
        for (int i = 0; i < count; i++) {
            exchange.putObject(junkHex(40)).putObject("B").put(fingerprintB(), junkHex(256));
        }
        store.saveParty(HealthcareParty.fromJson(a));
    }

    /** Junk copies for B under A's one owner key: {@code entries} more signed-entry copies and one in aesExchangeKeys. */
    private void junkCopies(int entries) {
        ObjectNode a = store.party("A").orElseThrow().toJson();
        a.putObject("aesExchangeKeys").putObject(store.party("A").orElseThrow().publicKey().orElseThrow()).putObject("B")
                .put(fingerprintB(), junkHex(256));
        ArrayNode forB = (ArrayNode) a.get(HealthcareParty.PAIR_KEYS).get("B");
        for (int i = 0; i < entries; i++) {
            forB.add(((ObjectNode) forB.get(0).deepCopy()).put("forDelegate", junkHex(256)));
        }
        store.saveParty(HealthcareParty.fromJson(a));
    }

    private String read() {
        return b().decrypt(store.patient("P").orElseThrow()).field("note").orElseThrow().asText();
    }

    @Test
    void exactlyTheOwnerKeyLimitIsReadAndOneMoreIsRefused() {
        junkOwnerKeys(DocumentLimits.MAX_OWNER_KEYS_PER_PAIR - 1); // with the genuine one: the limit
        assertThat(read()).isEqualTo(NOTE);
        junkOwnerKeys(1);
        assertThatThrownBy(this::read).isExactlyInstanceOf(FormatException.class)
                .hasMessageContaining("under 17 distinct owner keys, over the limit of 16 (DocumentLimits.MAX_OWNER_KEYS_PER_PAIR)");
    }

    @Test
    void aCopyThatFailedIsTriedAgainOnlyAfterTheCacheIsCleared() {
        junkOwnerKeys(1);
        PairKeyCache cache = PairKeyCache.create();
        DelegationService b = TestParties.as("B", provider, store, builder -> builder.suite(Suite.V1_ICURE).pairKeyCache(cache));
        assertThat(b.decrypt(store.patient("P").orElseThrow()).field("note").orElseThrow().asText()).isEqualTo(NOTE);
        long first = cache.rsaOperations();
        assertThat(first).isBetween(1L, 2L);
        // a new service with the same cache: the failed copy is remembered, the genuine key cached
        TestParties.as("B", provider, store, builder -> builder.suite(Suite.V1_ICURE).pairKeyCache(cache))
                .decrypt(store.patient("P").orElseThrow());
        assertThat(cache.rsaOperations()).isEqualTo(first);
        cache.clear();
        TestParties.as("B", provider, store, builder -> builder.suite(Suite.V1_ICURE).pairKeyCache(cache))
                .decrypt(store.patient("P").orElseThrow());
        assertThat(cache.rsaOperations()).as("everything forgotten: the same work again").isEqualTo(first);
    }

    @Test
    void exactlyTheCopyLimitIsReadAndOneMoreIsRefused() {
        // the genuine entry, one junk copy in aesExchangeKeys and 62 junk entries: 64 copies under one owner key
        junkCopies(DocumentLimits.MAX_COPIES_PER_PAIR - 2);
        assertThat(read()).isEqualTo(NOTE);
        junkCopies(1);
        assertThatThrownBy(this::read).isExactlyInstanceOf(FormatException.class)
                .hasMessageContaining("holds 65 copies of its v1 pair key with 'B' for 'B', over the limit of 64 (DocumentLimits.MAX_COPIES_PER_PAIR)");
    }

    private void smallKeysForB(int junk) {
        ObjectNode p = store.patient("P").orElseThrow().toJson();
        ArrayNode forB = (ArrayNode) p.get("delegations").get("B");
        for (int i = 0; i < junk; i++) {
            forB.addObject().put("owner", "A").put("delegatedTo", "B").put("key", "00");
        }
        store.save(Patient.fromJson(p));
    }

    @Test
    void exactlyTheSmallKeyLimitForOneDelegateIsReadAndOneMoreIsRefused() {
        smallKeysForB(DocumentLimits.MAX_SMALL_KEYS_PER_DELEGATE - 1);
        assertThat(b().secretForeignKeys(store.patient("P").orElseThrow())).hasSize(1);
        smallKeysForB(1);
        assertThatThrownBy(() -> b().secretForeignKeys(store.patient("P").orElseThrow()))
                .isExactlyInstanceOf(FormatException.class)
                .hasMessageContaining("patient 'P' holds 1,001 delegations values for 'B', over the limit of 1,000")
                .hasMessageContaining("DocumentLimits.MAX_SMALL_KEYS_PER_DELEGATE");
    }

    @Test
    void aMapOfExactlyTheLimitIsJudgedAndOneMoreIsRefusedNamingTheLimit() {
        ObjectNode p = store.patient("P").orElseThrow().toJson();
        ObjectNode delegations = (ObjectNode) p.get("delegations");
        int existing = 2; // A's own and A's for B
        int total = existing;
        for (int party = 0; total < DocumentLimits.MAX_SMALL_KEYS_PER_MAP; party++) {
            ArrayNode list = delegations.putArray("Z" + party);
            for (int i = 0; i < 1_000 && total < DocumentLimits.MAX_SMALL_KEYS_PER_MAP; i++, total++) {
                list.addObject().put("owner", "Z" + party).put("delegatedTo", "Z" + party).put("key", "00");
            }
        }
        Patient atLimit = Patient.fromJson(p);
        // C, named by none of them, has no access: the map is within the limit
        assertThatThrownBy(() -> TestParties.as("C", provider, store).requireReadable(atLimit))
                .isInstanceOf(AccessDeniedException.class);
        ((ArrayNode) delegations.get("Z0")).addObject().put("owner", "Z0").put("delegatedTo", "Z0").put("key", "00");
        Patient overLimit = Patient.fromJson(p);
        assertThatThrownBy(() -> TestParties.as("C", provider, store).requireReadable(overLimit))
                .isExactlyInstanceOf(FormatException.class)
                .hasMessageContaining("patient 'P' holds 100,001 delegations values, over the limit of 100,000")
                .hasMessageContaining("DocumentLimits.MAX_SMALL_KEYS_PER_MAP");
        // B reads its own entries without looking at the rest
        assertThat(b().secretForeignKeys(overLimit)).hasSize(1);
    }
}
