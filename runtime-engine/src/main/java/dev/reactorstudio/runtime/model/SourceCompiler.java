package dev.reactorstudio.runtime.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reactorstudio.runtime.api.VideoModel;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles one model source file in memory with the JDK compiler. Nothing is written to the model
 * folder: the author's folder stays as they left it, and two runtimes can load it at once.
 */
final class SourceCompiler {

    /** Binary class name to bytecode, plus the compiler's warnings. */
    record Output(Map<String, byte[]> classes, List<CompileError> warnings) {}

    private SourceCompiler() {}

    static Output compile(Path sourceFile, List<Path> folderClassPath) throws ModelLoadException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        String fileName = sourceFile.getFileName().toString();
        if (compiler == null) {
            throw new ModelLoadException("cannot compile " + fileName + ": this Java runtime has no compiler "
                    + "(module jdk.compiler); run Reactor on a full JDK 17+, or ship the model as a jar");
        }
        String source = read(sourceFile);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter otherOutput = new StringWriter();
        StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, Locale.ENGLISH, StandardCharsets.UTF_8);
        try (InMemoryOutput files = new InMemoryOutput(standard)) {
            List<String> options = List.of("-parameters", "-g", "--release", "17", "-encoding", "UTF-8",
                    // Annotation processors found on the engine's class path must not run over model code.
                    "-proc:none",
                    "-classpath", classPath(folderClassPath));
            boolean ok = compiler.getTask(otherOutput, files, diagnostics, options, null,
                    List.of(new ModelSource(sourceFile, source))).call();
            List<CompileError> errors = collect(diagnostics, fileName, Diagnostic.Kind.ERROR);
            if (!ok || !errors.isEmpty()) {
                throw failure(fileName, errors, otherOutput.toString());
            }
            List<CompileError> warnings = collect(diagnostics, fileName, Diagnostic.Kind.WARNING);
            warnings.addAll(collect(diagnostics, fileName, Diagnostic.Kind.MANDATORY_WARNING));
            return new Output(Map.copyOf(files.classes), warnings);
        } catch (IOException e) {
            throw new ModelLoadException("cannot compile " + fileName + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path sourceFile) throws ModelLoadException {
        try {
            return Files.readString(sourceFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelLoadException("cannot read " + sourceFile + " (it must be UTF-8 text): " + e, e);
        }
    }

    private static ModelLoadException failure(String fileName, List<CompileError> errors, String otherOutput) {
        if (errors.isEmpty()) {
            return new ModelLoadException(fileName + " does not compile: " + otherOutput.strip());
        }
        String listing = errors.stream().map(error -> "  " + error.toString().replace("\n", "\n    "))
                .collect(Collectors.joining("\n"));
        String count = errors.size() == 1 ? "1 error" : errors.size() + " errors";
        return new ModelLoadException(fileName + " does not compile (" + count + "):\n" + listing, errors);
    }

    private static List<CompileError> collect(DiagnosticCollector<JavaFileObject> diagnostics, String modelFile,
            Diagnostic.Kind kind) {
        List<CompileError> found = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == kind) {
                String file = d.getSource() == null ? modelFile : lastSegment(d.getSource().getName());
                found.add(new CompileError(file, d.getLineNumber(), d.getColumnNumber(), d.getMessage(Locale.ENGLISH)));
            }
        }
        return found;
    }

    /** {@code /m/model_x.java} or a jar entry {@code /m/lib/a.jar(acme/A.class)}: keep the file name only. */
    private static String lastSegment(String name) {
        String trimmed = name.endsWith(")") ? name.substring(0, name.length() - 1) : name;
        int cut = Math.max(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')), trimmed.lastIndexOf('('));
        return trimmed.substring(cut + 1);
    }

    /**
     * The engine's own code (author API, Jackson) wherever it came from — a jar, target/classes or
     * a jpackage image whose {@code java.class.path} is not the whole story — then the JVM's class
     * path, then the model folder's jars.
     */
    private static String classPath(List<Path> folderClassPath) {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> anchor : List.of(VideoModel.class, ObjectMapper.class, JsonParser.class, JsonProperty.class)) {
            codeSourcePath(anchor).ifPresent(entries::add);
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(entry);
            }
        }
        folderClassPath.forEach(p -> entries.add(p.toString()));
        return String.join(File.pathSeparator, entries);
    }

    private static Optional<String> codeSourcePath(Class<?> anchor) {
        CodeSource source = anchor.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
            return Optional.empty();
        }
        try {
            return Optional.of(Path.of(source.getLocation().toURI()).toString());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * The model source as the compiler sees it. It claims every class name fits the file, because
     * a manifest names {@code model_file:ClassName}: the author's {@code public class MyModel} lives
     * in {@code model_file.java}, which plain javac would refuse.
     */
    private static final class ModelSource extends SimpleJavaFileObject {
        private final String text;

        ModelSource(Path file, String text) {
            super(file.toUri(), Kind.SOURCE);
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }

        @Override
        public boolean isNameCompatible(String simpleName, Kind kind) {
            return kind == Kind.SOURCE;
        }
    }

    /** Keeps class files in memory instead of writing them next to the source. */
    private static final class InMemoryOutput extends ForwardingJavaFileManager<StandardJavaFileManager> {
        final Map<String, byte[]> classes = new ConcurrentHashMap<>();

        InMemoryOutput(StandardJavaFileManager standard) {
            super(standard);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(JavaFileManager.Location location, String className,
                JavaFileObject.Kind kind, FileObject sibling) {
            URI uri = URI.create("mem:///" + className.replace('.', '/') + kind.extension);
            return new SimpleJavaFileObject(uri, kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream() {
                        @Override
                        public void close() {
                            classes.put(className, toByteArray());
                        }
                    };
                }
            };
        }
    }
}
