package dev.reactorstudio.runtime.manifest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns Jackson's syntax errors into one plain-words problem with line and column, naming the likely
 * fix ("remove the trailing comma after "weights"") for the mistakes people actually make in
 * hand-written JSON. Anything unrecognised falls back to Jackson's own reason, tidied up.
 */
final class SyntaxErrorExplainer {

    private static final Pattern UNEXPECTED_CHAR = Pattern.compile(
            "Unexpected character \\((?:'(.)'|\\(CTRL-CHAR)[^)]*\\)\\)(?: in numeric value)?: (.*)", Pattern.DOTALL);
    private static final Pattern UNRECOGNIZED_TOKEN = Pattern.compile("Unrecognized token '([^']*)'.*", Pattern.DOTALL);
    private static final Pattern START_MARKER = Pattern.compile("line: (\\d+), column: (\\d+)");
    private static final Pattern CODE = Pattern.compile(" ?\\(code \\d+\\)");

    private final String text;
    private final String reason;
    private final JsonLocation location;
    private final JsonStreamContext context;

    private SyntaxErrorExplainer(String text, JsonProcessingException e) {
        this.text = text;
        this.reason = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        this.location = e.getLocation() == null ? JsonLocation.NA : e.getLocation();
        this.context = e.getProcessor() instanceof JsonParser p ? p.getParsingContext() : null;
    }

    /** The whole-file problem describing {@code e}, a syntax error found while parsing {@code text}. */
    static ManifestProblem explain(String text, JsonProcessingException e) {
        SyntaxErrorExplainer x = new SyntaxErrorExplainer(text, e);
        int line = x.location.getLineNr() > 0 ? x.location.getLineNr() : ManifestProblem.UNKNOWN;
        int column = x.location.getColumnNr() > 0 ? x.location.getColumnNr() : ManifestProblem.UNKNOWN;
        String where = line == ManifestProblem.UNKNOWN ? "" : "line " + line + ", column " + column + ": ";
        return new ManifestProblem(Severity.ERROR, "", where + x.describe(), line, column);
    }

    private String describe() {
        if (reason.equals(LocatingJsonParser.TRAILING_CONTENT)) {
            return "more text after the manifest's closing '}' — a manifest is one JSON object; "
                    + "remove the extra text or move it inside the object";
        }
        Matcher m = UNEXPECTED_CHAR.matcher(reason);
        if (m.matches()) {
            return unexpectedCharacter(m.group(1), m.group(2));
        }
        m = UNRECOGNIZED_TOKEN.matcher(reason);
        if (m.matches()) {
            return "unknown word '" + m.group(1) + "' — text needs double quotes (\"" + m.group(1)
                    + "\"); the only bare words in JSON are true, false and null";
        }
        if (reason.startsWith("Unexpected end-of-input")) {
            return endOfInput();
        }
        if (reason.startsWith("Unexpected close marker")) {
            return "unexpected '" + reason.charAt(reason.indexOf('\'') + 1) + "' with nothing open to close — remove it";
        }
        if (reason.startsWith("Illegal unquoted character")) {
            return reason.contains("code 10") || reason.contains("code 13")
                    ? "text is not closed before the end of the line — add the closing \" (write \\n for a line break)"
                    : "control character inside text — escape it (\\t for a tab) or remove it";
        }
        if (reason.contains("Leading zeroes not allowed")) {
            return "numbers cannot start with 0 — remove the leading zeros";
        }
        if (reason.startsWith("Non-standard token")) {
            return "NaN and Infinity are not JSON numbers — use a number or null";
        }
        if (reason.startsWith("Unrecognized character escape")) {
            return "'\\" + reason.charAt(reason.indexOf('\'') + 1) + "' is not a JSON escape — write \\\\ for a"
                    + " backslash (or use / in paths)";
        }
        return "invalid JSON — " + lowerFirst(CODE.matcher(reason).replaceAll(""));
    }

    private String unexpectedCharacter(String ch, String expected) {
        if (ch == null) {
            return "unexpected control character — " + lowerFirst(expected);
        }
        char c = ch.charAt(0);
        char before = previousNonSpace();
        if ((c == '}' || c == ']') && before == ',') {
            return "unexpected '" + c + "' — remove the trailing comma" + afterWhat();
        }
        if (c == ',' && before == ',') {
            return "unexpected ',' — remove the extra comma";
        }
        if (c == '\'') {
            return "unexpected ''' — JSON text uses double quotes: \"like this\"";
        }
        if (c == '/' || c == '#') {
            return "unexpected '" + c + "' — JSON has no comments; remove it";
        }
        if (expected.startsWith("was expecting comma to separate")) {
            return "unexpected '" + c + "' — a comma is missing; add \",\" " + endOfPreviousEntry();
        }
        if (expected.startsWith("was expecting a colon")) {
            return "unexpected '" + c + "' — add ':' between the key" + named(currentName()) + " and its value";
        }
        if (expected.startsWith("was expecting double-quote to start field name")) {
            String word = wordAtError();
            return word.isEmpty() ? "unexpected '" + c + "' — expected a key in double quotes, like \"model_name\""
                    : "unexpected '" + c + "' — keys need double quotes: write \"" + word + "\"";
        }
        if (expected.startsWith("expected a valid value")) {
            return "unexpected '" + c + "' — expected a value: text in double quotes, a number, true, false, null,"
                    + " an object {...} or an array [...]";
        }
        return "unexpected '" + c + "' — " + lowerFirst(expected);
    }

    private String endOfInput() {
        if (reason.contains("close marker for Object") || reason.contains("close marker for Array")) {
            char close = reason.contains("Object") ? '}' : ']';
            char open = close == '}' ? '{' : '[';
            Matcher start = START_MARKER.matcher(reason);
            String opened = start.find() ? " opened at line " + start.group(1) + ", column " + start.group(2) : "";
            return "the file ends before the '" + open + "'" + opened + " is closed — add the missing '" + close + "'";
        }
        if (reason.contains("quote")) {
            return "the file ends inside text — add the closing \"";
        }
        return "the file ends too early — it looks cut off; complete the JSON";
    }

    // Which entry the stray or missing comma follows: the last key of an object, or the array's key.
    private String afterWhat() {
        if (context == null) {
            return "";
        }
        if (context.inObject() && context.getCurrentName() != null) {
            return " after \"" + context.getCurrentName() + "\"";
        }
        JsonStreamContext parent = context.getParent();
        if (context.inArray() && parent != null && parent.getCurrentName() != null) {
            return " after the last item of \"" + parent.getCurrentName() + "\"";
        }
        return "";
    }

    private String endOfPreviousEntry() {
        if (context != null && context.inObject() && context.getCurrentName() != null) {
            return "at the end of the \"" + context.getCurrentName() + "\" entry";
        }
        JsonStreamContext parent = context == null ? null : context.getParent();
        return context != null && context.inArray() && parent != null && parent.getCurrentName() != null
                ? "after the previous item of \"" + parent.getCurrentName() + "\"" : "before it";
    }

    private String currentName() {
        return context == null ? null : context.getCurrentName();
    }

    private static String named(String name) {
        return name == null ? "" : " \"" + name + "\"";
    }

    private int errorOffset() {
        long offset = location.getCharOffset();
        return offset >= 0 && offset <= text.length() ? (int) offset : -1;
    }

    private char previousNonSpace() {
        for (int i = errorOffset() - 1; i >= 0; i--) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return text.charAt(i);
            }
        }
        return 0;
    }

    // The bare identifier at the error (an unquoted key), to show it quoted.
    private String wordAtError() {
        int start = errorOffset();
        int end = start;
        while (start >= 0 && end < text.length()
                && (Character.isLetterOrDigit(text.charAt(end)) || "_-.".indexOf(text.charAt(end)) >= 0)) {
            end++;
        }
        return start < 0 ? "" : text.substring(start, end);
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
