package org.medcrypt.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.medcrypt.spi.Suite;

/**
 * v1 and v2 value decoding (org.medcrypt.internal.format), reached the way a store's documents
 * reach it: B reads a patient or contact whose {@code encryptedSelf}, delegation entries or
 * secret ids the fuzzer rewrote (see {@link StoredValues}). v2 values get the {@code mc2:} prefix
 * of v2's envelopes half of the time, so that the fuzzer gets past it.
 */
class ValueFuzzTest {

    private static Parties v1;
    private static Parties v2;

    private static synchronized Parties v1() {
        if (v1 == null) {
            v1 = new Parties("jca", Suite.V1_ICURE);
        }
        return v1;
    }

    private static synchronized Parties v2() {
        if (v2 == null) {
            v2 = new Parties("jca", Suite.V2_GCM_OAEP256);
        }
        return v2;
    }

    @FuzzTest(maxDuration = "5m")
    void v1Values(FuzzedDataProvider data) {
        StoredValues.editAndRead(v1(), data, "");
    }

    @FuzzTest(maxDuration = "5m")
    void v2Values(FuzzedDataProvider data) {
        StoredValues.editAndRead(v2(), data, "mc2:");
    }
}
