package dev.reactorstudio.runtime.cli;

import java.io.Console;

/** Whether the CLI runs in a terminal, where a progress bar may redraw its line in place. */
final class Terminal {
    private Terminal() {
    }

    // The null check is for JDK 17-21; isTerminal() below covers JDK 22+, which the check warns about.
    @SuppressWarnings("SystemConsoleNull")
    static boolean interactive() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        // From JDK 22 System.console() is not null when the output is redirected; Console.isTerminal()
        // (JDK 22+) tells. Up to JDK 21 a console exists only for a terminal.
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
