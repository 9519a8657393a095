package org.medcrypt.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The table's new rows and targets, from made-up results (no benchmark runs). */
class ResultsTableTest {

    private static ResultsTable.Result result(String benchmark, Map<String, String> params, double score, String unit,
            Map<String, Double> secondary) {
        return new ResultsTable.Result(benchmark, params, score, 0, unit, secondary);
    }

    private static String render(List<ResultsTable.Result> results) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ResultsTable(results, List.of()).render(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void v2TargetsAreMetOrNotFromTheirFigures() {
        List<ResultsTable.Result> results = new ArrayList<>();
        Map<String, Double> warm = Map.of("opens", 100.0, "rsaOperations", 0.0, "signatureVerifications", 0.0);
        results.add(result("RecordBenchmark.open", Map.of("provider", "jca", "suite", "v1", "contacts", "1000",
                "cache", "warm"), 2.5, "ms/op", warm));
        results.add(result("RecordBenchmark.open", Map.of("provider", "jca", "suite", "v2", "contacts", "1000",
                "cache", "warm"), 3.5, "ms/op", warm));
        // 64 KiB: v2 api at 40 % of raw GCM
        results.add(result("AesBenchmark.decrypt", Map.of("impl", "raw-jdk", "mode", "GCM", "size", "65536"), 1000,
                "ops/s", Map.of()));
        results.add(result("ApiAesBenchmark.decrypt", Map.of("provider", "jca", "suite", "v2", "size", "65536"), 400,
                "ops/s", Map.of()));

        String table = render(results);

        assertThat(table).contains("| api read path warm ≤ 3 ms for 1,000 contacts on `jca` (v1) | 2.50 ms ± 0.00 | met |");
        assertThat(table).contains("| api read path warm ≤ 3 ms for 1,000 contacts on `jca` (v2) | 3.50 ms ± 0.00 | **not met** |");
        assertThat(table).contains("| v2 warm record open ≤ v1's (1,000 contacts, `jca`) | v2 3.50 ms vs v1 2.50 ms (1.40×) | **not met** |");
        assertThat(table).contains("| v2 encryptedSelf decrypt at 64 KiB ≥ 50 % of raw GCM decrypt: `jca` vs JDK `Cipher` (raw) "
                + "| 26.2 MB/s = 40 % of 65.5 MB/s | **not met** |");
        assertThat(table).contains("| encryptedSelf decrypt (api v2: DelegationService.decrypt) | `jca` | 64 KiB | 26.2 |");
    }

    @Test
    void recordRowsCountRsaAndSignatureVerificationsPerOpen() {
        List<ResultsTable.Result> results = new ArrayList<>();
        results.add(result("RecordBenchmark.open", Map.of("provider", "tink", "suite", "v2", "contacts", "1000",
                "cache", "cold"), 20, "ms/op", Map.of("opens", 10.0, "rsaOperations", 50.0, "signatureVerifications", 50.0)));
        results.add(result("RecordBenchmark.open", Map.of("provider", "tink", "suite", "v2", "contacts", "1000",
                "cache", "warm"), 2, "ms/op", Map.of("opens", 10.0, "rsaOperations", 0.0, "signatureVerifications", 0.0)));

        String table = render(results);

        assertThat(table).contains("| open record (v2): 1000 contacts, 5 delegators, cold cache | `tink` | 1000 × 160 B | 20.0 |");
        assertThat(table).contains("RSA ops/open = 5.0; signature verifications/open = 5.0");
        assertThat(table).contains("| open 1,000-contact record (v2) from 5 delegators: exactly 5 RSA ops and 5 signature "
                + "verifications cold, 0 warm (`tink`) | 5.0 + 5.0 cold, 0.0 + 0.0 warm | met |");
    }
}
