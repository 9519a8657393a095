package org.medcrypt.cli;

/**
 * Input the command cannot use, found by the command itself (a file that is missing or already
 * exists, an id that names nothing): exit code {@value ExitCodes#BAD_INPUT}.
 */
final class UserInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UserInputException(String message) {
        super(message);
    }
}
