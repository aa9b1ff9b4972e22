namespace Window.Testing;

/// <summary>Folders of the repository the tests run from.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding Window.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built with (Debug or Release).</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Debug";

    /// <summary>The host's own build output, for tests that start it as a real process.</summary>
    public static string HostAssembly =>
        Path.Combine(Root, "src", "Window.Host", "bin", Configuration, "net10.0", "Window.Host.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Window.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Window.sln above {AppContext.BaseDirectory}.");
    }
}
