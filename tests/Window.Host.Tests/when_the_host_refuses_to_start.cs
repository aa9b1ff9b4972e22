using System.Diagnostics;
using Window.Testing;

namespace Window.Host.Tests;

public sealed class when_the_host_refuses_to_start : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task an_invalid_catalogue_stops_it_with_every_problem_named()
    {
        var workflows = CopyOfShippedCatalogue();
        var file = Path.Combine(workflows, "medical-checkup.json");
        await File.WriteAllTextAsync(file, (await File.ReadAllTextAsync(file)).Replace("\"department\": \"health\"", "\"department\": \"dentistry\"", StringComparison.Ordinal));

        var (exitCode, output) = await RunHostAsync(new() { ["Window__DataDir"] = folder.Path, ["Window__WorkflowsDir"] = workflows });

        Assert.Equal(1, exitCode);
        Assert.Contains("Window cannot start", output, StringComparison.Ordinal);
        Assert.Matches(@"medical-checkup\.json:\d+: \$\.steps\[\d+\]\.department: .*dentistry", output);
    }

    [Fact]
    public async Task the_cluster_profile_on_sqlite_is_refused_with_the_key_to_fix()
    {
        var (exitCode, output) = await RunHostAsync(new() { ["Window__Profile"] = "cluster", ["Window__Database__Provider"] = "Sqlite" });

        Assert.Equal(1, exitCode);
        Assert.Contains("The cluster profile needs Window:Database:Provider = PostgreSql", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_cluster_profile_refuses_demo_users()
    {
        var (exitCode, output) = await RunHostAsync(new()
        {
            ["Window__Profile"] = "cluster",
            ["Window__Database__ConnectionString"] = "Host=127.0.0.1;Database=unused",
            ["Window__DemoUsers"] = "true",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("The cluster profile seeds no demo users", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_workflows_validate_command_accepts_the_shipped_catalogue_and_names_each_problem_of_a_broken_one()
    {
        var (validExit, validOutput) = await RunHostAsync([], "workflows", "validate", Path.Combine(RepositoryPaths.Root, "workflows"));
        var broken = CopyOfShippedCatalogue();
        await File.WriteAllTextAsync(Path.Combine(broken, "spouse-employment.json"), "{ \"id\": \"spouse-employment\", ");
        var (brokenExit, brokenOutput) = await RunHostAsync([], "workflows", "validate", broken);

        Assert.True(validExit == 0, validOutput);
        Assert.Contains("valid", validOutput, StringComparison.Ordinal);
        Assert.Equal(1, brokenExit);
        Assert.Matches(@"spouse-employment\.json:1: ", brokenOutput);
    }

    private string CopyOfShippedCatalogue()
    {
        var source = Path.Combine(RepositoryPaths.Root, "workflows");
        var target = Path.Combine(folder.Path, "workflows");
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        return target;
    }

    private static async Task<(int ExitCode, string Output)> RunHostAsync(Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(RepositoryPaths.HostAssembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
