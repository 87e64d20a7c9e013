package dev.reactorstudio.runtime.registry;

/**
 * A registry failure with a message a user can act on (what, where, what to do) and a
 * {@link RegistryProblem} the caller can branch on.
 */
public class RegistryException extends Exception {
    private final RegistryProblem problem;

    public RegistryException(RegistryProblem problem, String message) {
        super(message);
        this.problem = problem;
    }

    public RegistryException(RegistryProblem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public RegistryProblem problem() {
        return problem;
    }
}
