package dev.reactorstudio.studio.editor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.fxmisc.richtext.model.StyleSpan;
import org.junit.jupiter.api.Test;

class SyntaxHighlighterTest {

    private static List<String> styled(String text, Language language) {
        List<String> out = new ArrayList<>();
        int pos = 0;
        for (StyleSpan<Collection<String>> span : SyntaxHighlighter.highlight(text, language)) {
            if (!span.getStyle().isEmpty()) {
                out.add(span.getStyle().iterator().next() + ":" + text.substring(pos, pos + span.getLength()));
            }
            pos += span.getLength();
        }
        return out;
    }

    @Test
    void javaKeywordsStringsCommentsAndAnnotations() {
        assertThat(styled("@Command public int x = 42; // hi\nString s = \"a\";", Language.JAVA))
                .containsExactly("annotation:@Command", "keyword:public", "keyword:int", "number:42", "comment:// hi", "string:\"a\"");
    }

    @Test
    void pythonAndJson() {
        assertThat(styled("def f(self): return 'x'  # c", Language.PYTHON))
                .containsExactly("keyword:def", "keyword:self", "keyword:return", "string:'x'", "comment:# c");
        assertThat(styled("{\"fps\": 30, \"ok\": true}", Language.JSON))
                .containsExactly("key:\"fps\"", "number:30", "key:\"ok\"", "keyword:true");
    }

    @Test
    void spansCoverTheWholeText() {
        String text = "class A { }";
        assertThat(SyntaxHighlighter.highlight(text, Language.JAVA).length()).isEqualTo(text.length());
        assertThat(SyntaxHighlighter.highlight(text, Language.PLAIN).length()).isEqualTo(text.length());
    }
}
