package dev.reactorstudio.runtime.model;

/**
 * The wire type of a command parameter, as the JS SDK's {@code modelCapabilities} names it.
 * Java enums travel as {@link #STRING} with their constant names as choices.
 */
public enum ParamType {
    INTEGER("integer"),
    NUMBER("number"),
    STRING("string"),
    BOOLEAN("boolean"),
    /** An uploaded file ({@code UploadedFile}): travels in the frame's {@code uploads}, never in {@code data}. */
    FILE("file");

    private final String jsonName;

    ParamType(String jsonName) {
        this.jsonName = jsonName;
    }

    /** The name used in the JSON schema: {@code integer}, {@code number}, {@code string}, {@code boolean} or {@code file}. */
    public String jsonName() {
        return jsonName;
    }

    /** How problems describe a value of this type ("expected an integer"). */
    String withArticle() {
        return switch (this) {
            case INTEGER -> "an integer";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case BOOLEAN -> "true or false";
            case FILE -> "an uploaded file";
        };
    }
}
