package dev.reactorstudio.studio.editor;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * Regex highlighting: good enough for model files (a few hundred lines), fast enough to run after
 * each pause in typing, and with no parser to keep in step with the languages. Each named group
 * is a CSS class ({@code keyword}, {@code string}, ...), styled by the theme.
 */
public final class SyntaxHighlighter {
    private static final String JAVA_KEYWORDS = String.join("|", "abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends", "final",
            "finally", "float", "for", "if", "implements", "import", "instanceof", "int", "interface", "long", "native",
            "new", "package", "private", "protected", "public", "record", "return", "short", "static", "super", "switch",
            "synchronized", "this", "throw", "throws", "transient", "try", "var", "void", "volatile", "while", "true",
            "false", "null");
    private static final String PYTHON_KEYWORDS = String.join("|", "and", "as", "assert", "async", "await", "break",
            "class", "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
            "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with",
            "yield", "None", "True", "False", "self");

    private static final Map<Language, Pattern> PATTERNS = Map.of(
            Language.JAVA, Pattern.compile("(?<comment>//[^\\n]*|/\\*(?s:.*?)\\*/)"
                    + "|(?<string>\"\"\"(?s:.*?)\"\"\"|\"([^\"\\\\\\n]|\\\\.)*\"|'([^'\\\\\\n]|\\\\.)*')"
                    + "|(?<annotation>@[A-Za-z_]\\w*)"
                    + "|(?<keyword>\\b(" + JAVA_KEYWORDS + ")\\b)"
                    + "|(?<number>\\b\\d[\\d_]*(\\.\\d+)?([eE][+-]?\\d+)?[fFdDlL]?\\b)"),
            Language.PYTHON, Pattern.compile("(?<comment>#[^\\n]*)"
                    + "|(?<string>\"\"\"(?s:.*?)\"\"\"|'''(?s:.*?)'''|\"([^\"\\\\\\n]|\\\\.)*\"|'([^'\\\\\\n]|\\\\.)*')"
                    + "|(?<annotation>@[A-Za-z_][\\w.]*)"
                    + "|(?<keyword>\\b(" + PYTHON_KEYWORDS + ")\\b)"
                    + "|(?<number>\\b\\d[\\d_]*(\\.\\d+)?([eE][+-]?\\d+)?\\b)"),
            Language.JSON, Pattern.compile("(?<key>\"([^\"\\\\]|\\\\.)*\"(?=\\s*:))"
                    + "|(?<string>\"([^\"\\\\]|\\\\.)*\")"
                    + "|(?<keyword>\\b(true|false|null)\\b)"
                    + "|(?<number>-?\\b\\d+(\\.\\d+)?([eE][+-]?\\d+)?\\b)"));
    private static final List<String> GROUPS = List.of("comment", "string", "annotation", "keyword", "number", "key");

    private SyntaxHighlighter() {
    }

    public static StyleSpans<Collection<String>> highlight(String text, Language language) {
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        Pattern pattern = PATTERNS.get(language);
        int last = 0;
        if (pattern != null) {
            Matcher m = pattern.matcher(text);
            while (m.find()) {
                spans.add(Collections.emptyList(), m.start() - last);
                spans.add(Collections.singleton(group(m)), m.end() - m.start());
                last = m.end();
            }
        }
        spans.add(Collections.emptyList(), text.length() - last);
        return spans.create();
    }

    private static String group(Matcher m) {
        for (String name : GROUPS) {
            try {
                if (m.group(name) != null) {
                    return name;
                }
            } catch (IllegalArgumentException absent) {
                // this language's pattern has no such group
            }
        }
        return "plain";
    }
}
