package org.medcrypt.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point of {@code medcrypt.jar}. */
public final class Main {

    private Main() {
    }

    /** Held so the level is not lost when the logger is garbage-collected. */
    private static final java.util.logging.Logger LIBRARY_LOG = java.util.logging.Logger.getLogger("org.medcrypt");

    public static void main(String[] args) {
        // the library logs which provider it picked; the command says so itself where it matters,
        // and its error output is one line
        LIBRARY_LOG.setLevel(java.util.Arrays.asList(args).contains("--verbose")
                ? java.util.logging.Level.INFO : java.util.logging.Level.WARNING);
        PrintWriter out = utf8(System.out);
        PrintWriter err = utf8(System.err);
        int exitCode = commandLine(out, err).execute(args);
        out.flush();
        err.flush();
        System.exit(exitCode);
    }

    /**
     * The configured command line, writing to {@code out} and {@code err} (tests pass their own)
     * through {@link PrintableWriter}.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new MedcryptCommand());
        // every character printed is printable: ids and fields come from the dataset (PrintableWriter)
        commandLine.setOut(new PrintWriter(new PrintableWriter(out), true));
        commandLine.setErr(new PrintWriter(new PrintableWriter(err), true));
        // no ANSI colours in help, which the line above would show as text
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        commandLine.setExecutionStrategy(parseResult -> {
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } finally {
                Stores.closeOpened(); // a database's connections, once the command is done
            }
        });
        commandLine.setExecutionExceptionHandler(new ExitCodes.ExecutionErrors());
        commandLine.setParameterExceptionHandler(new ExitCodes.UsageErrors());
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        applyToAll(commandLine);
        return commandLine;
    }

    private static void applyToAll(CommandLine commandLine) {
        commandLine.getCommandSpec().usageMessage()
                .exitCodeListHeading("%nExit codes:%n")
                .exitCodeList(ExitCodes.DESCRIPTIONS);
        commandLine.getSubcommands().values().forEach(Main::applyToAll);
    }

    /** JSON and the demo's text are UTF-8 whatever the platform's default encoding. */
    private static PrintWriter utf8(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), true);
    }
}
