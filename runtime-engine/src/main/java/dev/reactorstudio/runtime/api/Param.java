package dev.reactorstudio.runtime.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one parameter of a {@link Command}. Supported parameter types: int, long, double,
 * float, boolean, String and enums (and their boxed forms). A parameter with a
 * {@link #defaultValue()} is optional; one without is required unless {@link #required()} is false
 * (then a missing value arrives as the type's zero / null).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface Param {
    /** Marks "no default given"; an annotation cannot hold null. */
    String NO_DEFAULT = "\u0000no-default";

    /** The wire name; defaults to the Java parameter name (compiled with {@code -parameters}). */
    String name() default "";

    String description() default "";

    /** Inclusive lower bound for numbers; NaN means none. */
    double min() default Double.NaN;

    /** Inclusive upper bound for numbers; NaN means none. */
    double max() default Double.NaN;

    /** Allowed values for a String parameter (enums use their constant names automatically). */
    String[] choices() default {};

    boolean required() default true;

    /** Default as JSON text or a bare string, e.g. {@code "1.5"}, {@code "true"}, {@code "warm"}. */
    String defaultValue() default NO_DEFAULT;
}
