package org.medcrypt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, item 9: a write is durable before the command says it is done. The jar runs under
 * {@code strace}, which records its system calls; for the dataset file and for key files the test
 * checks the order the issue asks for: the new file's bytes synced ({@code fsync} of the temporary
 * file), then the rename over the target, then the folder synced ({@code fsync} of the folder, so
 * that the rename itself survives a power cut). Before the fix neither folder was synced and key
 * files not at all. Needs {@code strace} ({@code .ci/run} installs it); without it the test is
 * skipped with a message, and fails instead in CI ({@code CI=true}).
 */
class DurabilityIT {

    private static final Pattern OPEN = Pattern.compile("^\\d+\\s+openat\\(AT_FDCWD, \"([^\"]+)\", [^)]*\\) = (\\d+)$");
    private static final Pattern OPENING = Pattern.compile("^(\\d+)\\s+openat\\(AT_FDCWD, \"([^\"]+)\", [^<]*<unfinished \\.\\.\\.>$");
    private static final Pattern OPENED = Pattern.compile("^(\\d+)\\s+<\\.\\.\\. openat resumed>.*\\) = (\\d+)$");
    // a call another thread interrupts is split over two lines: "fsync(7 <unfinished ...>" first
    private static final Pattern FSYNC = Pattern.compile(
            "^\\d+\\s+(?:fsync|fdatasync)\\((\\d+)(?:\\)\\s+= 0| <unfinished \\.\\.\\.>)$");
    private static final Pattern RENAME = Pattern.compile("^\\d+\\s+rename(?:at2?)?\\((?:AT_FDCWD, )?\"([^\"]+)\", "
            + "(?:AT_FDCWD, )?\"([^\"]+)\"(?:, [^)]*)?(?:\\)\\s+= 0| <unfinished \\.\\.\\.>)$");

    @TempDir
    Path folder;

    @BeforeAll
    static void findJar() {
        JarIT.findJar();
    }

    /** What the traced process did to files, in order: "sync PATH" and "rename FROM -> TO". */
    private static List<String> fileEvents(Path trace) throws IOException {
        Map<String, String> openFiles = new HashMap<>();
        Map<String, String> openingByThread = new HashMap<>();
        List<String> events = new ArrayList<>();
        for (String line : Files.readAllLines(trace, StandardCharsets.UTF_8)) {
            Matcher open = OPEN.matcher(line);
            Matcher opening = OPENING.matcher(line);
            Matcher opened = OPENED.matcher(line);
            Matcher sync = FSYNC.matcher(line);
            Matcher rename = RENAME.matcher(line);
            if (open.matches()) {
                openFiles.put(open.group(2), open.group(1));
            } else if (opening.matches()) {
                openingByThread.put(opening.group(1), opening.group(2));
            } else if (opened.matches() && openingByThread.containsKey(opened.group(1))) {
                openFiles.put(opened.group(2), openingByThread.remove(opened.group(1)));
            } else if (sync.matches() && openFiles.containsKey(sync.group(1))) {
                events.add("sync " + openFiles.get(sync.group(1)));
            } else if (rename.matches()) {
                events.add("rename " + rename.group(1) + " -> " + rename.group(2));
            }
        }
        return events;
    }

    private Path traced(String name, String... args) throws Exception {
        Path trace = folder.resolve(name + ".strace");
        List<String> command = new ArrayList<>(List.of("strace", "-f", "-qq", "-o", trace.toString(),
                "-e", "trace=openat,fsync,fdatasync,rename,renameat,renameat2",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                Path.of(System.getProperty("medcrypt.jar", "target/medcrypt.jar")).toAbsolutePath().toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve(name + ".out").toFile()).start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("medcrypt %s finished", name).isTrue();
        assertThat(process.exitValue()).as("exit code of medcrypt %s: %s", name,
                Files.readString(folder.resolve(name + ".out"))).isZero();
        return trace;
    }

    /** The temporary file renamed over {@code target} was synced before, and the folder after. */
    private static void assertDurablyReplaced(List<String> events, Path target) {
        String targetPath = target.toAbsolutePath().toString();
        int rename = -1;
        String temporary = null;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).startsWith("rename ") && events.get(i).endsWith(" -> " + targetPath)) {
                rename = i;
                temporary = events.get(i).substring("rename ".length(), events.get(i).indexOf(" -> "));
            }
        }
        assertThat(rename).as("a rename over %s in %s", targetPath, events).isNotNegative();
        assertThat(events.subList(0, rename)).as("the new file synced before the rename").contains("sync " + temporary);
        assertThat(events.subList(rename + 1, events.size())).as("the folder synced after the rename")
                .contains("sync " + target.toAbsolutePath().getParent());
    }

    @Test
    void keyFilesAndTheDatasetAreSyncedThenRenamedThenTheirFolderSynced() throws Exception {
        boolean strace = new ProcessBuilder("strace", "-V").redirectErrorStream(true).start().waitFor() == 0;
        if (!strace && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("strace is required in CI (.ci/run installs it)");
        }
        assumeTrue(strace, "strace is not installed: the durability test is skipped (apt-get install strace)");

        Path demo = folder.resolve("demo");
        JarIT.medcrypt("demo", "--out", demo.toString()).assertOk();
        Path keys = folder.resolve("keys");
        List<String> keygen = fileEvents(traced("keygen", "keygen", "--id", "E", "--out", keys.toString()));
        assertDurablyReplaced(keygen, keys.resolve("E.key"));
        assertDurablyReplaced(keygen, keys.resolve("E.pub"));

        Path dataset = demo.resolve("dataset.json");
        List<String> share = fileEvents(traced("share", "share", "--dataset", dataset.toString(), "--as", "A",
                "--key", demo.resolve("A.key").toString(), "--with", "D", "--entity", "1234"));
        assertDurablyReplaced(share, dataset);
    }
}
