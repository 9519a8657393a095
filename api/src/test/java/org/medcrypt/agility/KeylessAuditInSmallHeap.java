package org.medcrypt.agility;

import java.nio.file.Path;

/**
 * Audits a dataset without keys and prints {@code entities bytes seconds}: run in a forked JVM
 * with a heap smaller than the dataset by {@link KeylessAuditMemoryTest}.
 */
public final class KeylessAuditInSmallHeap {

    private KeylessAuditInSmallHeap() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        AuditReport report = KeylessAudit.of(Path.of(args[0]), KeylessAudit.Progress.none());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println(report.entityTotal() + " " + report.datasetBytes() + " " + seconds + " "
                + Runtime.getRuntime().maxMemory());
    }
}
