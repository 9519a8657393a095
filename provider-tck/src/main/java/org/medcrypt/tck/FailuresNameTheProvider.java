package org.medcrypt.tck;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Prefixes every failure with the name of the conformance test class that ran it (say
 * {@code [ConscryptConformanceTest]}). The kit's sections are inherited {@code @Nested} classes,
 * so build reports name them {@code ProviderConformanceKit$AesGcmNegative} whichever provider ran
 * them; a module with two providers (jca and conscrypt) would otherwise report ambiguous failures.
 */
final class FailuresNameTheProvider implements TestExecutionExceptionHandler {

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        String kit = context.getTestInstances()
                .flatMap(instances -> instances.getAllInstances().stream()
                        .filter(ProviderConformanceKit.class::isInstance)
                        .findFirst())
                .map(instance -> "[" + instance.getClass().getSimpleName() + "] ")
                .orElse(null);
        if (kit == null || String.valueOf(failure.getMessage()).startsWith(kit)
                || !(failure instanceof Exception || failure instanceof AssertionError)) {
            throw failure;
        }
        AssertionError labelled = new AssertionError(kit + failure, failure);
        labelled.setStackTrace(failure.getStackTrace());
        throw labelled;
    }
}
