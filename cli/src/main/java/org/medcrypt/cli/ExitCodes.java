package org.medcrypt.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.medcrypt.CryptoException;
import org.medcrypt.DecryptionFailedException;
import org.medcrypt.FormatException;
import org.medcrypt.KeyException;
import org.medcrypt.MedcryptException;
import org.medcrypt.NotFoundException;
import org.medcrypt.ProviderException;
import org.medcrypt.agility.AuditMarkdown;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The exit codes of the {@code medcrypt} command, and the one place where an exception becomes
 * a one-line message and an exit code. Messages come from medcrypt's exceptions, which never
 * carry key material or plaintext; a stack trace is printed only with {@code --verbose}.
 */
final class ExitCodes {

    static final int OK = 0;
    static final int UNEXPECTED = 1;
    static final int USAGE = 2;
    static final int BAD_INPUT = 3;
    static final int ACCESS_DENIED = 4;
    static final int CRYPTO_FAILURE = 5;
    static final int PROVIDER_PROBLEM = 6;
    /**
     * The dataset file or store changed between the command's read and its write (another
     * command or device wrote it): nothing was written; running the command again is safe.
     */
    static final int CONFLICT = 7;
    /**
     * Some entities were printed, others addressed to the party could not be read (named on
     * stderr). 8, so that 7 stays free for the dataset-changed code.
     */
    static final int PARTIAL = 8;

    /** For the help footer of every command and for the README. */
    static final Map<String, String> DESCRIPTIONS = descriptions();

    private ExitCodes() {
    }

    private static Map<String, String> descriptions() {
        Map<String, String> map = new LinkedHashMap<>();
        map.put(" " + OK, "success");
        map.put(" " + UNEXPECTED, "unexpected error (rerun with --verbose and report it)");
        map.put(" " + USAGE, "usage: unknown command or option, missing or invalid option value");
        map.put(" " + BAD_INPUT, "bad input: missing or unreadable file, malformed dataset, key or JSON, a missing or "
                + "wrong key (such as no signing key), unknown or used id, file exists, a store that cannot be reached or "
                + "refuses a statement");
        map.put(" " + ACCESS_DENIED, "access denied: the party was never given access to the entity");
        map.put(" " + CRYPTO_FAILURE, "crypto failure: decryption failed (modified data, or not encrypted for the keys given)");
        map.put(" " + PROVIDER_PROBLEM, "crypto provider unknown or unavailable here (see 'medcrypt providers')");
        map.put(" " + CONFLICT, "changed, retry: another command wrote the dataset or store after this one read it; "
                + "nothing was written, run the command again");
        map.put(" " + PARTIAL, "partial: decrypt or contacts-of printed what the party could read and skipped entities "
                + "addressed to it that it could not (modified data, or keys not given), named on stderr; if none could "
                + "be read at all, the exit code is " + CRYPTO_FAILURE);
        return map;
    }

    /** The exit code for an exception thrown by a command. */
    static int of(Throwable error) {
        if (error instanceof org.medcrypt.ConflictException) {
            return CONFLICT;
        }
        if (error instanceof org.medcrypt.AccessDeniedException) {
            return ACCESS_DENIED;
        }
        if (error instanceof ProviderException) {
            return PROVIDER_PROBLEM;
        }
        if (error instanceof CryptoException) {
            return CRYPTO_FAILURE;
        }
        if (error instanceof UserInputException || error instanceof FormatException
                || error instanceof NotFoundException || error instanceof KeyException) {
            return BAD_INPUT;
        }
        if (error instanceof org.medcrypt.store.jdbc.StoreUnavailableException) {
            return BAD_INPUT; // like an unreadable file: a database that went away or refused a statement mid-command
        }
        if (error instanceof MedcryptException && error.getCause() instanceof IOException) {
            return BAD_INPUT; // a dataset file that cannot be read or written
        }
        if (error instanceof UncheckedIOException || error instanceof IOException) {
            return BAD_INPUT;
        }
        return UNEXPECTED;
    }

    /** One line, no secrets: what went wrong and what to do. */
    static String message(Throwable error) {
        String text;
        if (error instanceof DecryptionFailedException) {
            text = error.getMessage() + "; check that --key is the private key of the party given with --as "
                    + "(after a key rotation, add its old keys with more --key options) and that the dataset was not altered";
        } else if (error instanceof MedcryptException || error instanceof UserInputException) {
            text = error.getMessage();
        } else if (error instanceof UncheckedIOException || error instanceof IOException) {
            text = describeIo(error instanceof UncheckedIOException u ? u.getCause() : (IOException) error);
        } else {
            text = "unexpected error: " + error.getClass().getName()
                    + (error.getMessage() == null ? "" : ": " + error.getMessage())
                    + " (rerun with --verbose for details)";
        }
        return oneLine(text);
    }

    static String describeIo(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file: " + e.getMessage();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        return "i/o error: " + e;
    }

    /**
     * One line, printable: messages quote ids and keys a dataset chose, which may hold terminal
     * escape sequences or bidirectional controls ({@link AuditMarkdown#printable(String)}).
     */
    static String oneLine(String text) {
        return text == null ? "" : AuditMarkdown.printable(text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip());
    }

    /** Turns an exception thrown by a command into a message and an exit code. */
    static final class ExecutionErrors implements IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception error, CommandLine command, ParseResult parseResult) {
            PrintWriter err = command.getErr();
            err.println("medcrypt: " + message(error));
            if (verbose(parseResult)) {
                error.printStackTrace(err);
            }
            err.flush();
            return of(error);
        }
    }

    /** A usage error: the message and where to find help, not the whole usage text. */
    static final class UsageErrors implements IParameterExceptionHandler {
        @Override
        public int handleParseException(ParameterException error, String[] args) {
            CommandLine command = error.getCommandLine();
            PrintWriter err = command.getErr();
            err.println("medcrypt: " + oneLine(error.getMessage()));
            err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
            err.flush();
            return USAGE;
        }
    }

    static boolean verbose(ParseResult parseResult) {
        for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
            if (result.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
