package org.medcrypt.store.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

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
import org.medcrypt.store.EntityStore;
import org.medcrypt.store.conformance.NaiveStore.Flaw;

/**
 * Proves the kit bites: for each deliberate {@link Flaw} of {@link NaiveStore}, the kit tests that
 * should catch it fail. (The store without flaw passing everything is
 * {@link NaiveStoreConformanceTest}.)
 */
class KitDetectsFlawsTest {

    private static final Map<Flaw, List<String>> CAUGHT_BY = Map.of(
            Flaw.IGNORES_EXPECTATIONS, List.of("aStaleRevisionIsRefusedAndNothingOfTheUpdateLands",
                    "aStalePartyRevisionIsRefusedAndNothingChanges", "expectationsOfPresenceAndAbsenceAreChecked",
                    "eightThreadsCreatingOneDocumentExactlyOneWins",
                    "aShareWithCascadeThatMeetsAConcurrentWriterEveryTimeLandsNothing"),
            Flaw.NOT_ATOMIC, List.of("aStaleRevisionIsRefusedAndNothingOfTheUpdateLands",
                    "aConflictOnTheLastOfAThousandDocumentsChangesNone",
                    "aShareWithCascadeThatMeetsAConcurrentWriterEveryTimeLandsNothing"),
            Flaw.NOT_ISOLATED, List.of("eightThreadsIncrementingOneDocumentLoseNoUpdate",
                    "eightThreadsCreatingOneDocumentExactlyOneWins"),
            Flaw.KEEPS_SUBMITTED_REVISION, List.of("aRevisionCarriedByASavedDocumentIsReplacedByTheStore",
                    "replacingADocumentKeepsOneDocumentAtANewRevision", "aStaleRevisionIsRefusedAndNothingOfTheUpdateLands"),
            Flaw.DROPS_UNKNOWN_FIELDS, List.of("unknownJsonFieldsArePreserved"),
            Flaw.SHARED_WITH_ONLY_IN_DELEGATIONS, List.of("sharedWithFindsADelegateInEachOfTheThreeMaps",
                    "lookUpsAgreeWithAScanAfterAMixOfChanges", "indexedLookUpsAgreeWithABruteForceScan"),
            Flaw.STALE_INDEX, List.of("bySecretForeignKeyFollowsReplacements", "sharedWithFindsADelegateInEachOfTheThreeMaps",
                    "lookUpsAgreeWithAScanAfterAMixOfChanges", "indexedLookUpsAgreeWithABruteForceScan"));

    /** The kit run against a flawed store (selected by the test below, never by the build on its own). */
    static class FlawedStoreKit extends EntityStoreConformance {
        static volatile Flaw flaw = Flaw.NONE;

        @Override
        protected EntityStore newStore() {
            return new NaiveStore(flaw);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Flaw.class, names = "NONE", mode = EnumSource.Mode.EXCLUDE)
    void kitCatchesTheFlaw(Flaw flaw) {
        List<String> checks = CAUGHT_BY.get(flaw);
        assertThat(checks).as("checks for %s", flaw).isNotNull();
        List<DiscoverySelector> selectors = checks.stream()
                .map(method -> (DiscoverySelector) selectMethod(FlawedStoreKit.class, findMethod(method)))
                .toList();
        List<String> failed = new CopyOnWriteArrayList<>();
        List<String> ran = new CopyOnWriteArrayList<>();
        FlawedStoreKit.flaw = flaw;
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors).build(),
                    new TestExecutionListener() {
                        @Override
                        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                            if (id.isTest() || id.getUniqueId().contains("property:")) {
                                ran.add(id.getUniqueId());
                                if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                                    failed.add(id.getUniqueId());
                                }
                            }
                        }
                    });
        } finally {
            FlawedStoreKit.flaw = Flaw.NONE;
        }
        for (String method : checks) {
            assertThat(ran).as("%s ran for %s", method, flaw).anyMatch(id -> id.contains(method));
            assertThat(failed).as("%s must fail against a store that %s", method, flaw).anyMatch(id -> id.contains(method));
        }
    }

    private static java.lang.reflect.Method findMethod(String name) {
        for (java.lang.reflect.Method method : EntityStoreConformance.class.getDeclaredMethods()) {
            if (method.getName().equals(name)) {
                return method;
            }
        }
        throw new IllegalArgumentException("no kit test " + name);
    }
}
