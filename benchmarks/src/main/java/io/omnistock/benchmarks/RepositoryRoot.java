package io.omnistock.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the omnistock repository's root from the working directory, so that the benchmark tools resolve their
 * default folders the same way whether they run from the root ({@code java -cp benchmarks/target/...}) or from the
 * module (Maven's tests). Stateless; allocates a few paths per call.
 */
public final class RepositoryRoot
{
    private RepositoryRoot()
    {
    }

    /**
     * @param relative a path relative to the repository root, e.g. {@code ../shared/data/m5}.
     * @return it resolved against the nearest folder, up from the working directory, that holds {@code pom.xml}
     *         and {@code benchmarks/}; against the working directory when there is none.
     */
    public static Path resolve(final String relative)
    {
        final Path workingDirectory = Path.of("").toAbsolutePath();
        for (Path folder = workingDirectory; folder != null; folder = folder.getParent())
        {
            if (Files.isRegularFile(folder.resolve("pom.xml")) && Files.isDirectory(folder.resolve("benchmarks")))
            {
                return folder.resolve(relative).normalize();
            }
        }
        return workingDirectory.resolve(relative).normalize();
    }
}
