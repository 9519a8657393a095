package org.medcrypt.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress of a long {@code import} or {@code export}, on stderr only (stdout keeps the
 * command's result). {@link Mode#AUTO}: a bar redrawn in place when stderr is a terminal;
 * otherwise (a log, a pipe, CI) a plain line every two seconds once the run has taken two, as
 * {@code audit} does.
 */
final class Progress {

    /** How progress is shown ({@code --progress}). */
    enum Mode { AUTO, BAR, LINES, NONE }

    private static final long LINE_NANOS = 2_000_000_000L;
    private static final long BAR_NANOS = 100_000_000L;
    private static final int BAR_WIDTH = 30;

    private final PrintWriter err;
    private final PrintWriter barOut;
    private final String verb;
    private final long totalBytes;
    private final LongSupplier clock;
    private final boolean bar;
    private final boolean quiet;
    private final long start;
    private long last;
    private boolean drawn;

    private Progress(Mode mode, PrintWriter err, PrintWriter barOut, String verb, long totalBytes, LongSupplier clock) {
        Mode chosen = mode == Mode.AUTO ? (stderrIsTerminal() ? Mode.BAR : Mode.LINES) : mode;
        this.err = err;
        this.barOut = barOut;
        this.verb = verb;
        this.totalBytes = totalBytes;
        this.clock = clock;
        this.bar = chosen == Mode.BAR;
        this.quiet = chosen == Mode.NONE;
        this.start = clock.getAsLong();
        this.last = start;
    }

    /**
     * @param totalBytes the input's size for a percentage, or -1 if unknown
     * @param clock nanoseconds (tests pass their own)
     */
    static Progress start(Mode mode, PrintWriter err, String verb, long totalBytes, LongSupplier clock) {
        // the bar's carriage returns go to the terminal itself: the command's stderr shows control characters as text
        return new Progress(mode, err, new PrintWriter(new java.io.OutputStreamWriter(System.err,
                java.nio.charset.StandardCharsets.UTF_8)), verb, totalBytes, clock);
    }

    /** With the bar drawn on {@code barOut} (tests). */
    static Progress start(Mode mode, PrintWriter err, PrintWriter barOut, String verb, long totalBytes, LongSupplier clock) {
        return new Progress(mode, err, barOut, verb, totalBytes, clock);
    }

    /** Reports {@code documents} done and {@code bytes} read or written so far, if it is time to. */
    void update(long documents, long bytes) {
        if (quiet) {
            return;
        }
        long now = clock.getAsLong();
        if (bar) {
            if (now - last >= BAR_NANOS || !drawn) {
                last = now;
                drawn = true;
                barOut.print("\r" + barLine(documents, bytes, now));
                barOut.flush();
            }
        } else if (now - start >= LINE_NANOS && now - last >= LINE_NANOS) {
            last = now;
            err.println("medcrypt: " + verb + ": " + status(documents, bytes, now));
            err.flush();
        }
    }

    /** Ends the bar's line (a plain run prints nothing more: the command's summary follows on stdout). */
    void finish(long documents, long bytes) {
        if (bar && !quiet) {
            barOut.print("\r" + barLine(documents, bytes, clock.getAsLong()) + "\n");
            barOut.flush();
        }
    }

    private String barLine(long documents, long bytes, long now) {
        StringBuilder line = new StringBuilder(verb).append(' ');
        if (totalBytes > 0) {
            int filled = (int) Math.min(BAR_WIDTH, bytes * BAR_WIDTH / totalBytes);
            line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
        }
        return line.append(status(documents, bytes, now)).toString();
    }

    private String status(long documents, long bytes, long now) {
        double seconds = (now - start) / 1e9;
        String size = totalBytes > 0
                ? String.format(Locale.ROOT, "%d%% (%.1f of %.1f MB)", bytes * 100 / totalBytes, bytes / 1e6, totalBytes / 1e6)
                : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
        return String.format(Locale.ROOT, "%s, %,d documents, %.0f s", size, documents, seconds);
    }

    /**
     * Whether this process's stderr is a terminal. Java 17 cannot ask for stderr alone; on
     * Linux {@code /proc/self/fd/2} says, elsewhere an interactive console stands for it.
     */
    static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
        } catch (java.io.IOException | SecurityException | UnsupportedOperationException e) {
            // fall through
        }
        return System.console() != null;
    }
}
