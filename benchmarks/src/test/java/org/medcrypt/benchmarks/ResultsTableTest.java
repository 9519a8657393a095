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
        return render(results, List.of());
    }

    private static String render(List<ResultsTable.Result> results, List<ResultsTable.OpenSsl> openssl) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new ResultsTable(results, openssl).render(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void accpIsMeasuredAgainstOpensslAndRawAccp() {
        List<ResultsTable.Result> results = new ArrayList<>();
        results.add(result("RsaBenchmark.unwrap", Map.of("impl", "accp", "suite", "v1"), 3500, "ops/s", Map.of()));
        results.add(result("RsaBenchmark.unwrap", Map.of("impl", "raw-accp", "suite", "v1"), 3600, "ops/s", Map.of()));
        results.add(result("RsaBenchmark.unwrap", Map.of("impl", "accp", "suite", "v2"), 900, "ops/s", Map.of()));
        results.add(result("RsaBenchmark.unwrap", Map.of("impl", "raw-accp", "suite", "v2"), 3600, "ops/s", Map.of()));
        results.add(result("AesBenchmark.encrypt", Map.of("impl", "accp", "mode", "GCM", "size", "65536"), 70000,
                "ops/s", Map.of()));
        results.add(result("AesBenchmark.encrypt", Map.of("impl", "raw-accp", "mode", "GCM", "size", "65536"), 70000,
                "ops/s", Map.of()));
        List<ResultsTable.OpenSsl> openssl = List.of(
                new ResultsTable.OpenSsl("RSA-2048 sign (private-key op)", "-", 4000, "ops/s"),
                new ResultsTable.OpenSsl("AES-256-GCM encrypt", "65536", 5000, "MB/s"));

        String table = render(results, openssl);

        assertThat(table).contains("| `accp` RSA-2048 OAEP unwrap (v1) ≥ 85 % of `openssl speed rsa2048` sign/s "
                + "| 3,500 ops/s = 88 % of 4,000 | met |");
        assertThat(table).contains("| `accp` RSA-2048 OAEP unwrap (v2) ≥ 85 % of `openssl speed rsa2048` sign/s "
                + "| 900 ops/s = 23 % of 4,000 | **not met** |");
        assertThat(table).contains("| `accp` RSA-2048 OAEP unwrap (v1, SPI) ≥ 95 % of ACCP `Cipher` (raw) | 97 % | met |");
        assertThat(table).contains("| `accp` RSA-2048 OAEP unwrap (v2, SPI) ≥ 95 % of ACCP `Cipher` (raw) (no label: ACCP 2.5 "
                + "refuses labels) | 25 % | **not met** |");
        assertThat(table).contains("| `accp` AES-256-GCM encrypt ≥ 90 % of `openssl speed` (64 KiB) | 4,588 MB/s = 92 % of 5,000 | met |");
        assertThat(table).contains("| RSA-2048 OAEP-SHA-256 + label unwrap (v2 pair key) (SPI) | `accp` | 32 B key | 900 |");
        assertThat(table).contains("| 0.25 | ACCP `Cipher` (raw) (no label: ACCP 2.5 refuses labels) |");
        assertThat(table).contains("| AES-256-GCM encrypt (SPI) | `accp` | 64 KiB | 4,588 |  | MB/s | 1.00 | ACCP `Cipher` (raw) |");
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
        // and the format alone at 60 %
        results.add(result("EncryptedSelfBenchmark.decrypt", Map.of("provider", "jca", "suite", "v2", "size", "65536"), 600,
                "ops/s", Map.of()));

        String table = render(results);

        assertThat(table).contains("| api read path warm ≤ 3 ms for 1,000 contacts on `jca` (v1) | 2.50 ms ± 0.00 | met |");
        assertThat(table).contains("| api read path warm ≤ 3 ms for 1,000 contacts on `jca` (v2) | 3.50 ms ± 0.00 | **not met** |");
        assertThat(table).contains("| v2 warm record open ≤ v1's (1,000 contacts, `jca`) | v2 3.50 ms vs v1 2.50 ms (1.40×) | **not met** |");
        assertThat(table).contains("| v2 encryptedSelf decrypt (whole `DelegationService.decrypt`, JSON parse included) at 64 KiB "
                + "≥ 50 % of raw GCM decrypt: `jca` vs JDK `Cipher` (raw) | 26.2 MB/s = 40 % of 65.5 MB/s | **not met** |");
        assertThat(table).contains("| v2 encryptedSelf decrypt (text to plaintext) at 64 KiB "
                + "≥ 50 % of raw GCM decrypt: `jca` vs JDK `Cipher` (raw) | 39.3 MB/s = 60 % of 65.5 MB/s | met |");
        assertThat(table).contains("| encryptedSelf decrypt (api v2 format: text → plaintext bytes) | `jca` | 64 KiB | 39.3 |");
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

    @Test
    void quickFiguresAreComparedWithWarmedOnes() {
        Map<String, String> gcm = Map.of("impl", "jca", "mode", "GCM", "size", "1048576");
        Map<String, String> cbc = Map.of("impl", "jca", "mode", "CBC", "size", "65536");
        List<ResultsTable.Result> quick = List.of(result("AesBenchmark.decrypt", gcm, 3000, "ops/s", Map.of()),
                result("AesBenchmark.encrypt", cbc, 5000, "ops/s", Map.of()));
        List<ResultsTable.Result> warmed = List.of(result("AesBenchmark.decrypt", gcm, 3300, "ops/s", Map.of()),
                result("AesBenchmark.encrypt", cbc, 10000, "ops/s", Map.of()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        ResultsTable.quickVersusWarmed(quick, warmed, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("| AES-256-GCM decrypt | `jca` | 1 MiB | 3,146 MB/s | 3,460 MB/s | 0.91 | yes |")
                .contains("| AES-128-CBC encrypt | `jca` | 64 KiB | 328 MB/s | 655 MB/s | 0.50 | **no** |");
    }
}
