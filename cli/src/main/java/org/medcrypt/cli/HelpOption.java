package org.medcrypt.cli;

import picocli.CommandLine.Option;

/** {@code -h, --help} for a subcommand (the version option lives on {@code medcrypt} only). */
final class HelpOption {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
