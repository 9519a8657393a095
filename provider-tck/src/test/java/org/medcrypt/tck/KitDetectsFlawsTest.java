package org.medcrypt.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectNestedMethod;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.medcrypt.tck.ReferenceJdkProvider.Flaw;

/**
 * Proves the kit bites: for each deliberate {@link Flaw} of the reference provider, the kit tests
 * that should catch it do fail. (The plain reference provider passing everything is proved by
 * {@link ReferenceJdkProviderConformanceTest}.)
 */
class KitDetectsFlawsTest {

    private record Check(Class<?> section, String method, String... parameterTypes) {}

    private static final Map<Flaw, List<Check>> CAUGHT_BY = Map.ofEntries(
            Map.entry(Flaw.GCM_ANY_NONCE_LENGTH, List.of(
                    new Check(ProviderConformanceKit.AesGcmNegative.class, "nonceOfWrongLengthIsRefused", "int"),
                    new Check(ProviderConformanceKit.Wycheproof.class, "aesGcm"))),
            Map.entry(Flaw.GCM_NO_TAG_CHECK, List.of(
                    new Check(ProviderConformanceKit.AesGcmNegative.class, "tamperedNonceBodyLastBlockAndTagAreRejected"),
                    new Check(ProviderConformanceKit.AesGcmNegative.class, "wrongAssociatedDataIsRejected"),
                    new Check(ProviderConformanceKit.Wycheproof.class, "aesGcm"))),
            Map.entry(Flaw.CBC_LENIENT_PADDING, List.of(
                    new Check(ProviderConformanceKit.Wycheproof.class, "aesCbcPkcs5"))),
            Map.entry(Flaw.CBC_FIXED_IV, List.of(
                    new Check(ProviderConformanceKit.AesCbcRoundTrips.class, "encryptingTwiceGivesDifferentIvsAndCiphertexts", "int"))),
            Map.entry(Flaw.CBC_PADDING_ORACLE_MESSAGE, List.of(
                    new Check(ProviderConformanceKit.AesCbcNegative.class, "failedDecryptionsAllHaveTheSameMessage"))),
            Map.entry(Flaw.OAEP256_WITH_MGF1_SHA1, List.of(
                    new Check(ProviderConformanceKit.Wycheproof.class, "rsaOaep2048Sha256Mgf1Sha256"),
                    new Check(ProviderConformanceKit.Wycheproof.class, "rsaOaep3072Sha256Mgf1Sha256"),
                    new Check(ProviderConformanceKit.Wycheproof.class, "rsaOaep4096Sha256Mgf1Sha256"),
                    new Check(ProviderConformanceKit.CrossCheckWithJdk.class, "rsaOaepWithJdkKeysBothWays",
                            "org.medcrypt.spi.OaepParameters"),
                    new Check(ProviderConformanceKit.RsaOaepNegative.class, "wrongParametersAreRejected",
                            "org.medcrypt.spi.OaepParameters"))),
            Map.entry(Flaw.ACCEPTS_SMALL_RSA, List.of(
                    new Check(ProviderConformanceKit.RsaOaepNegative.class, "smallModuliAreRefusedOnImport", "int"),
                    new Check(ProviderConformanceKit.Wycheproof.class, "rsaOaepMisc"))),
            Map.entry(Flaw.CASTS_FOREIGN_KEYS, List.of(
                    new Check(ProviderConformanceKit.AesKeys.class, "foreignKeyHandleIsRefusedWithGeneralSecurityException"),
                    new Check(ProviderConformanceKit.RsaOaepNegative.class, "foreignPrivateKeyHandleIsRefusedWithGeneralSecurityException"),
                    new Check(ProviderConformanceKit.Ed25519Signatures.class, "foreignPrivateKeyHandleIsRefusedWithGeneralSecurityException"))),
            Map.entry(Flaw.KEY_IN_MESSAGE, List.of(
                    new Check(ProviderConformanceKit.AesKeys.class, "refusesKeysOfOtherSizes", "int"))),
            Map.entry(Flaw.ED25519_ACCEPTS_ANY_SIGNATURE, List.of(
                    new Check(ProviderConformanceKit.Ed25519Signatures.class, "wrongKeyOrMessageIsRejected"),
                    new Check(ProviderConformanceKit.Ed25519Signatures.class, "everyBitFlipOfTheSignatureIsRejected"),
                    new Check(ProviderConformanceKit.Ed25519Signatures.class, "malformedSignaturesAreFalseNotExceptions"),
                    new Check(ProviderConformanceKit.Wycheproof.class, "ed25519"))),
            Map.entry(Flaw.ED25519_REDUCES_S, List.of(
                    new Check(ProviderConformanceKit.Ed25519Signatures.class, "nonCanonicalSIsRejected"),
                    new Check(ProviderConformanceKit.Wycheproof.class, "ed25519"))),
            Map.entry(Flaw.ED25519_ANY_SIGNATURE_LENGTH, List.of(
                    new Check(ProviderConformanceKit.Ed25519Signatures.class, "signaturesOfOtherLengthsAreFalse", "int"),
                    new Check(ProviderConformanceKit.Wycheproof.class, "ed25519"))),
            Map.entry(Flaw.HKDF_IGNORES_INFO, List.of(
                    new Check(ProviderConformanceKit.HkdfSha256.class, "rfc5869TestCases", "int"),
                    new Check(ProviderConformanceKit.HkdfSha256.class, "everyInputChangesTheOutput"),
                    new Check(ProviderConformanceKit.CrossCheckWithJdk.class, "hkdfMatchesTheKitsOwnHkdfOnJdkHmac"),
                    new Check(ProviderConformanceKit.Wycheproof.class, "hkdfSha256"))),
            Map.entry(Flaw.HKDF_256_BLOCKS, List.of(
                    new Check(ProviderConformanceKit.HkdfSha256.class, "lengthsOutsideTheBoundsAreRefused", "int"),
                    new Check(ProviderConformanceKit.Wycheproof.class, "hkdfSha256"))));

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Flaw.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void kitCatchesTheFlaw(Flaw flaw) {
        List<Check> checks = CAUGHT_BY.get(flaw);
        assertThat(checks).as("checks for %s", flaw).isNotNull();
        List<DiscoverySelector> selectors = checks.stream()
                .map(c -> (DiscoverySelector) selectNestedMethod(
                        List.of(FlawedProviderKit.class), c.section(), c.method(), String.join(",", c.parameterTypes())))
                .toList();
        List<String> failed = new CopyOnWriteArrayList<>();
        List<String> messages = new CopyOnWriteArrayList<>();
        List<String> ran = new CopyOnWriteArrayList<>();
        FlawedProviderKit.flaw = flaw;
        try {
            LauncherFactory.create().execute(
                    LauncherDiscoveryRequestBuilder.request().selectors(selectors).build(),
                    new TestExecutionListener() {
                        @Override
                        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                            if (id.isTest()) {
                                ran.add(id.getUniqueId());
                                if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                                    failed.add(id.getUniqueId());
                                    result.getThrowable().ifPresent(t -> messages.add(String.valueOf(t.getMessage())));
                                }
                            }
                        }
                    });
        } finally {
            FlawedProviderKit.flaw = Flaw.NONE;
        }
        // every failure names the provider: the kit subclass for plain tests, the provider id,
        // file and tcId for Wycheproof cases
        assertThat(messages).isNotEmpty().allSatisfy(m -> assertThat(m).satisfiesAnyOf(
                x -> assertThat(x).startsWith("[FlawedProviderKit] "),
                x -> assertThat(x).matches("(?s)\\[provider=flawed-[a-z0-9-]+\\] [a-z0-9_]+\\.json (tcId |summary).*"),
                x -> assertThat(x).contains("provider=flawed-")));
        for (Check c : checks) {
            assertThat(ran).as("%s ran for %s", c.method(), flaw).anyMatch(id -> id.contains(":" + c.method() + "("));
            assertThat(failed).as("%s.%s must fail against a provider with %s", c.section().getSimpleName(), c.method(), flaw)
                    .anyMatch(id -> id.contains(":" + c.method() + "("));
        }
    }
}
