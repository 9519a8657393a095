package org.medcrypt.cli;

import java.util.concurrent.Executor;

/** Test helper for running commands side by side. */
final class Threads {

    /**
     * A new thread for each task. Not the common ForkJoinPool: it has one worker on a 2-core
     * machine, where two tasks that wait for each other (a barrier between two commands) then
     * deadlock; JDK 17's CompletableFuture fell back to a thread per task there, JDK 25's does not.
     */
    static final Executor EACH = task -> {
        Thread thread = new Thread(task, "medcrypt-test-command");
        thread.setDaemon(true);
        thread.start();
    };

    private Threads() {
    }
}
