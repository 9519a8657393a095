package org.medcrypt.agility;

import java.nio.file.Path;

/**
 * Audits a dataset without keys in a forked JVM, for {@link KeylessAuditLimitsTest}: prints
 * {@code OK entities} or {@code ERROR ExceptionClass: message} (exit code 3). An error (such as
 * {@link OutOfMemoryError}) is not caught: the JVM ends with its stack trace and exit code 1.
 */
public final class KeylessAuditInSmallHeapOrError {

    private KeylessAuditInSmallHeapOrError() {
    }

    public static void main(String[] args) {
        try {
            AuditReport report = KeylessAudit.of(Path.of(args[0]), KeylessAudit.Progress.none());
            System.out.println("OK " + report.entityTotal());
        } catch (RuntimeException e) {
            System.out.println("ERROR " + e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(3);
        }
    }
}
