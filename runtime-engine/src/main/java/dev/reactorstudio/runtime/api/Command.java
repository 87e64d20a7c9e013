package dev.reactorstudio.runtime.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a model method as a command clients can call while the session generates. Parameters
 * are described with {@link Param}; every call is validated against them before the method runs.
 * Commands run one at a time on the session's command thread.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Command {
    /** The command's wire name, e.g. {@code "set_speed"}. */
    String name();

    String description() default "";
}
