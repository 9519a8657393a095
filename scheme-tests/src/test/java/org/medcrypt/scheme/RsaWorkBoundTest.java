package org.medcrypt.scheme;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.FieldSource;
import org.medcrypt.FormatException;
import org.medcrypt.json.MedcryptJson;
import org.medcrypt.keys.DocumentLimits;
import org.medcrypt.keys.KeyFingerprint;
import org.medcrypt.keys.PairKeyCache;
import org.medcrypt.model.HealthcareParty;
import org.medcrypt.model.Patient;
import org.medcrypt.sharing.DelegationService;
import org.medcrypt.spi.Suite;
import org.medcrypt.store.EntityStore;

/**
 * RSA work per read against a store that fills a delegator's document with junk (issue 9, item 2):
 * wrapped copies "for B" in A's {@code aesExchangeKeys}, each under another made-up owner key, and
 * one junk small key addressed to B, so that a read tries every copy. The RSA operations are
 * counted by the provider itself (wrapped), not timed. Before the fix: 10,100 copies (7 MB) cost
 * 10,101 RSA operations for one decrypt (48 s) and as many again on every read, the cache's memory
 * of failures being smaller than the junk; here the same, scaled down with a smaller cache. Now a
 * read costs at most {@code delegators × MAX_COPIES_PER_PAIR} RSA operations, the next none, and a
 * document over a limit costs none and is named in the error.
 */
@ParameterizedClass(name = "{0}")
@FieldSource("org.medcrypt.scheme.TestParties#PROVIDERS")
class RsaWorkBoundTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Parameter
    String providerId;

    private CountingProvider provider;
    private EntityStore store;
    private long countBeforeB;

    @BeforeEach
    void aPatientSharedByAWithB() {
        provider = new CountingProvider(TestParties.provider(providerId));
        store = TestParties.newStore();
        DelegationService a = as("A", PairKeyCache.create());
        a.createPatient(MedcryptJson.parseObject("{\"id\":\"P\",\"note\":\"for B\"}", "t"));
        a.shareWith(store.patient("P").orElseThrow(), "B");
        countBeforeB = provider.rsaDecryptions();
    }

    private DelegationService as(String party, PairKeyCache cache) {
        return TestParties.as(party, provider, store, builder -> builder.suite(Suite.V1_ICURE).pairKeyCache(cache));
    }

    /**
     * The store: {@code copies} junk copies for B's key in A's document, each under its own made-up
     * owner key, and a junk small key from A to B in the patient's delegations.
     */
    private void junk(int copies) {
        String fingerprintB = KeyFingerprint.of(store.party("B").orElseThrow().publicKey().orElseThrow()).value();
        ObjectNode a = store.party("A").orElseThrow().toJson();
        ObjectNode exchange = (ObjectNode) a.get("aesExchangeKeys");
        for (int i = 0; i < copies; i++) {
            exchange.putObject(junkHex(40)).putObject("B").put(fingerprintB, junkHex(256));
        }
        store.saveParty(HealthcareParty.fromJson(a));
        ObjectNode p = store.patient("P").orElseThrow().toJson();
        ((ArrayNode) p.get("delegations").get("B")).addObject().put("owner", "A").put("delegatedTo", "B")
                .put("key", junkHex(64));
        store.save(Patient.fromJson(p));
    }

    /** RSA operations the provider made while B decrypted P once. */
    private long rsaForOneRead(DelegationService b, String expectedNote) {
        long before = provider.rsaDecryptions();
        assertThat(b.decrypt(store.patient("P").orElseThrow()).field("note").map(JsonNode::asText)).contains(expectedNote);
        return provider.rsaDecryptions() - before;
    }

    @Test
    void junkWithinTheLimitsCostsBoundedRsaWorkOnceAndNoneOnLaterReadsEvenWithASmallCache() {
        junk(DocumentLimits.MAX_OWNER_KEYS_PER_PAIR - 1);
        // a cache smaller than the junk: before the fix it forgot the failures and redid them on every read
        DelegationService b = as("B", PairKeyCache.withCapacity(4));
        long first = rsaForOneRead(b, "for B");
        long second = rsaForOneRead(b, "for B");
        long third = rsaForOneRead(b, "for B");
        int delegators = 1;
        assertThat(first).as("first read").isBetween(1L, (long) delegators * DocumentLimits.MAX_COPIES_PER_PAIR);
        assertThat(second + third).as("later reads of the same documents").isZero();
        assertThat(b.pairKeyCache().rsaOperations()).isEqualTo(first);
    }

    @Test
    void aDocumentOverTheOwnerKeyLimitCostsNoRsaWorkAndTheErrorNamesTheLimit() {
        junk(40); // 41 copies for B (the genuine one and 40), under 41 owner keys
        DelegationService b = as("B", PairKeyCache.withCapacity(4));
        long before = provider.rsaDecryptions();
        for (int read = 0; read < 2; read++) {
            assertThatThrownBy(() -> b.decrypt(store.patient("P").orElseThrow()))
                    .isExactlyInstanceOf(FormatException.class)
                    .hasMessageStartingWith("healthcare party 'A' holds 41 copies of its v1 pair key with 'B' for 'B', "
                            + "under 41 distinct owner keys, over the limit of 16 (DocumentLimits.MAX_OWNER_KEYS_PER_PAIR)");
        }
        assertThat(provider.rsaDecryptions() - before).as("RSA operations for two reads").isZero();
    }

    @Test
    void aDocumentOverTheCopyLimitCostsNoRsaWorkAndTheErrorNamesTheLimit() {
        // the review's shape, scaled down: before the fix 151 RSA operations on every read, with a
        // cache of 100 (10,101 with the default cache and 10,100 copies)
        junk(150);
        ObjectNode a = store.party("A").orElseThrow().toJson();
        // the store also makes every junk owner key one: the owner-key limit does not apply first
        String fingerprintB = KeyFingerprint.of(store.party("B").orElseThrow().publicKey().orElseThrow()).value();
        ObjectNode exchange = a.putObject("aesExchangeKeys");
        ObjectNode forB = exchange.putObject(store.party("A").orElseThrow().publicKey().orElseThrow()).putObject("B");
        forB.put(fingerprintB, junkHex(256));
        ObjectNode pairKeys = (ObjectNode) a.get(HealthcareParty.PAIR_KEYS);
        ArrayNode entries = (ArrayNode) pairKeys.get("B");
        for (int i = 0; i < 150; i++) {
            entries.add(((ObjectNode) entries.get(0).deepCopy()).put("forDelegate", junkHex(256)));
        }
        store.saveParty(HealthcareParty.fromJson(a));
        DelegationService b = as("B", PairKeyCache.withCapacity(100));
        long before = provider.rsaDecryptions();
        for (int read = 0; read < 2; read++) {
            assertThatThrownBy(() -> b.decrypt(store.patient("P").orElseThrow()))
                    .isExactlyInstanceOf(FormatException.class)
                    .hasMessageContaining("healthcare party 'A' holds 152 copies of its v1 pair key with 'B' for 'B', "
                            + "over the limit of 64 (DocumentLimits.MAX_COPIES_PER_PAIR)");
        }
        assertThat(provider.rsaDecryptions() - before).as("RSA operations for two reads").isZero();
    }

    @Test
    void aHostileDelegatorsDocumentDoesNotStopAReaderThatAnotherDelegatorSharedWith() {
        // C also shares P with B; then A's document is filled with junk
        TestParties.as("A", provider, store, builder -> builder.suite(Suite.V1_ICURE)).shareWith(store.patient("P").orElseThrow(), "C");
        TestParties.as("C", provider, store, builder -> builder.suite(Suite.V1_ICURE)).shareWith(store.patient("P").orElseThrow(), "B");
        junk(150);
        DelegationService b = as("B", PairKeyCache.withCapacity(100));
        long first = rsaForOneRead(b, "for B");
        long second = rsaForOneRead(b, "for B");
        int delegators = 2;
        assertThat(first).isBetween(1L, (long) delegators * DocumentLimits.MAX_COPIES_PER_PAIR);
        assertThat(second).isZero();
    }

    @Test
    void tooManySmallKeysForOneDelegateAreRefusedNamingTheLimit() {
        ObjectNode p = store.patient("P").orElseThrow().toJson();
        ArrayNode forB = (ArrayNode) p.get("delegations").get("B");
        for (int i = 0; i < DocumentLimits.MAX_SMALL_KEYS_PER_DELEGATE; i++) {
            forB.addObject().put("owner", "A").put("delegatedTo", "B").put("key", junkHex(64));
        }
        store.save(Patient.fromJson(p));
        DelegationService b = as("B", PairKeyCache.create());
        assertThatThrownBy(() -> b.decrypt(store.patient("P").orElseThrow()))
                .isExactlyInstanceOf(FormatException.class)
                .hasMessageContaining("patient 'P' holds 1,001 delegations values for 'B'")
                .hasMessageContaining("DocumentLimits.MAX_SMALL_KEYS_PER_DELEGATE");
        // at most the one that opened the content key before the list of delegations was read
        assertThat(provider.rsaDecryptions() - countBeforeB).as("RSA operations by B").isLessThanOrEqualTo(1);
    }

    /**
     * The review's size, for the closing note's figures (slow: run with
     * {@code -Dmedcrypt.fullSizeRsa=true}): 10,100 junk copies, the default cache.
     */
    @Test
    void fullSizeFigures() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("medcrypt.fullSizeRsa") && providerId.equals("jca"));
        junk(10_100);
        DelegationService b = as("B", PairKeyCache.create());
        for (int read = 1; read <= 2; read++) {
            long before = provider.rsaDecryptions();
            long start = System.nanoTime();
            String outcome;
            try {
                b.decrypt(store.patient("P").orElseThrow());
                outcome = "read";
            } catch (RuntimeException e) {
                outcome = e.getClass().getSimpleName() + ": " + e.getMessage();
            }
            System.out.printf("full size, read %d: %d RSA operations, %.1f s, %s%n", read, provider.rsaDecryptions() - before,
                    (System.nanoTime() - start) / 1e9, outcome);
        }
    }

    private static String junkHex(int bytes) {
        byte[] junk = new byte[bytes];
        RANDOM.nextBytes(junk);
        return HEX.formatHex(junk);
    }
}
