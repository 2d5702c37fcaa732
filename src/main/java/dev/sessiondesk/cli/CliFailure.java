package dev.sessiondesk.cli;

/** A failure the CLI reports as one line on stderr with exit code 2. */
class CliFailure extends RuntimeException {
    CliFailure(String message) {
        super(message);
    }
}
