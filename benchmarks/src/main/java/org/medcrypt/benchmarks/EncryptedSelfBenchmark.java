package org.medcrypt.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.medcrypt.internal.format.SealedValue;
import org.medcrypt.internal.format.V1IcureFormat;
import org.medcrypt.internal.format.V2GcmFormat;
import org.medcrypt.internal.format.WireFormat;
import org.medcrypt.model.EntityType;
import org.medcrypt.spi.CryptoProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@code encryptedSelf} cipher as the api runs it, from the stored text to the plaintext JSON
 * bytes, given the opened content key: the api's own format code ({@code internal.format}), the
 * part of {@link ApiAesBenchmark#decrypt} that is cryptography. v1: base64 decoding, the content
 * key's import, AES-128-CBC. v2: base64url decoding, HKDF-SHA-256 to the GCM key and the key
 * commitment, the commitment's constant-time check, AES-256-GCM with its associated data.
 * What {@link ApiAesBenchmark#decrypt} adds is reading the content key (memoised, warm) and
 * parsing the JSON into a tree.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 10)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class EncryptedSelfBenchmark {

    @Param({"jca", "accp", "conscrypt", "bouncycastle", "tink"})
    public String provider;

    @Param({"v1", "v2"})
    public String suite;

    @Param({"1024", "65536", "1048576"})
    public int size;

    private WireFormat format;
    private String contentKey;
    private String encryptedSelf;
    private int plaintextLength;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        CryptoProvider p = Impls.provider(provider);
        format = suite.equals("v1") ? new V1IcureFormat(p) : new V2GcmFormat(p);
        // v1 content keys are UUIDs, v2's 64 hex digits: the formats' own key generation
        contentKey = format.newEntityKey();
        byte[] json = ("{\"note\":\"" + Data.text(size, 21) + "\"}").getBytes(StandardCharsets.UTF_8);
        plaintextLength = json.length;
        encryptedSelf = format.encryptContent(contentKey, EntityType.PATIENT, "patient", json);
        if (!Arrays.equals(decrypt(), json)) {
            throw new IllegalStateException("encryptedSelf round trip failed");
        }
        EncryptedSelfBenchmark small = new EncryptedSelfBenchmark();
        small.format = format;
        small.contentKey = contentKey;
        small.encryptedSelf = format.encryptContent(contentKey, EntityType.PATIENT, "patient",
                ("{\"note\":\"" + Data.text(1024, 22) + "\"}").getBytes(StandardCharsets.UTF_8));
        JitWarmUp.run(small::decrypt, 20_000, this::decrypt, 500);
    }

    @Benchmark
    public byte[] decrypt() {
        SealedValue sealed = format.parseContent(encryptedSelf).orElseThrow();
        byte[] json = format.decryptContent(contentKey, EntityType.PATIENT, "patient", sealed).orElseThrow();
        if (json.length != plaintextLength && plaintextLength != 0) {
            throw new IllegalStateException("wrong plaintext length");
        }
        return json;
    }
}
