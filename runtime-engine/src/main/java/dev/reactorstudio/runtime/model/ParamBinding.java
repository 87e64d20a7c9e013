package dev.reactorstudio.runtime.model;

/**
 * A parameter's wire spec plus what the spec hides: the Java type to convert to and the value a
 * call gets when it omits the parameter (the converted default, or the type's zero / null).
 */
record ParamBinding(ParamSpec spec, Class<?> javaType, Object valueWhenAbsent) {

    String name() {
        return spec.name();
    }

    /** The value Java gives a missing optional parameter without a default: zero for primitives, else null. */
    static Object zeroOf(Class<?> type) {
        if (type == int.class) {
            return 0;
        } else if (type == long.class) {
            return 0L;
        } else if (type == double.class) {
            return 0.0;
        } else if (type == float.class) {
            return 0.0f;
        } else if (type == boolean.class) {
            return false;
        }
        return null;
    }
}
