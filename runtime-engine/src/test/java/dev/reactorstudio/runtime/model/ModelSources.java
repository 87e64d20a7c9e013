package dev.reactorstudio.runtime.model;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/** Test fixtures: model folders with sources, compiled classes and jars, built on the fly. */
final class ModelSources {

    private ModelSources() {}

    static Path write(Path folder, String relative, String content) throws IOException {
        Path file = folder.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    /**
     * Compiles {@code sources} (binary class name to source text) into {@code outputDir}, against
     * the test class path plus {@code extraClassPath}, the way a model author's build would.
     */
    static Path compile(Path outputDir, Map<String, String> sources, boolean parameterNames, Path... extraClassPath)
            throws IOException {
        Files.createDirectories(outputDir);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, text) -> units.add(new SimpleJavaFileObject(
                URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        }));
        StringBuilder classPath = new StringBuilder(System.getProperty("java.class.path"));
        for (Path extra : extraClassPath) {
            classPath.append(File.pathSeparator).append(extra);
        }
        List<String> options = new ArrayList<>(List.of("--release", "17", "-d", outputDir.toString(),
                "-classpath", classPath.toString()));
        if (parameterNames) {
            options.add("-parameters");
        }
        StringWriter errors = new StringWriter();
        if (!compiler.getTask(errors, null, null, options, null, units).call()) {
            throw new IllegalStateException("fixture does not compile: " + errors);
        }
        return outputDir;
    }

    static Path jar(Path classesDir, Path jarFile) throws IOException {
        Files.createDirectories(jarFile.getParent());
        try (OutputStream out = Files.newOutputStream(jarFile);
                JarOutputStream jar = new JarOutputStream(out);
                Stream<Path> files = Files.walk(classesDir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(classesDir.relativize(file).toString().replace(File.separatorChar, '/')));
                jar.write(Files.readAllBytes(file));
                jar.closeEntry();
            }
        }
        return jarFile;
    }

    /** A minimal model source: {@code body} goes inside the class. */
    static String model(String packageLine, String className, String body) {
        return packageLine + """

                import dev.reactorstudio.runtime.api.*;

                public class %s extends VideoModel {
                %s
                    @Override
                    public void startSession() {}
                }
                """.formatted(className, body);
    }
}
