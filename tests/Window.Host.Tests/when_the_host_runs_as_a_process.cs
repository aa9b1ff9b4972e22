using Window.Testing;

namespace Window.Host.Tests;

public sealed class when_the_host_runs_as_a_process : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task two_hosts_with_their_own_folders_and_ports_run_side_by_side()
    {
        var firstDir = Path.Combine(folder.Path, "one");
        var secondDir = Path.Combine(folder.Path, "two");
        await using var first = HostProcess.Start(new Dictionary<string, string> { ["Window__DataDir"] = firstDir });
        await using var second = HostProcess.Start(new Dictionary<string, string> { ["Window__DataDir"] = secondDir });

        await Task.WhenAll(first.WaitUntilReadyAsync(TimeSpan.FromSeconds(60)), second.WaitUntilReadyAsync(TimeSpan.FromSeconds(60)));

        Assert.True(File.Exists(Path.Combine(firstDir, "window.db")));
        Assert.True(File.Exists(Path.Combine(secondDir, "window.db")));
        Assert.Contains("profile Embedded", first.Output, StringComparison.Ordinal);
        Assert.Contains(first.BaseAddress.ToString().TrimEnd('/'), first.Output, StringComparison.Ordinal);
        Assert.Contains(firstDir, first.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task kestrel_names_no_server_and_refuses_a_body_over_the_limit()
    {
        await using var host = HostProcess.Start(new Dictionary<string, string> { ["Window__DataDir"] = folder.Path });
        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(60));
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        using var page = await client.GetAsync(new Uri("/login", UriKind.Relative));
        using var large = await client.PostAsync(new Uri("/api/auth/login", UriKind.Relative), new StringContent(new string('x', 100 * 1024), System.Text.Encoding.UTF8, "application/json"));

        Assert.False(page.Headers.Contains("Server"));
        Assert.Equal(System.Net.HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
    }

    [Fact]
    public async Task the_migrate_subcommand_prepares_the_database_and_exits()
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            ArgumentList = { RepositoryPaths.HostAssembly, "migrate" },
            Environment = { ["Window__DataDir"] = folder.Path },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(0, process.ExitCode);
        Assert.Contains("migration(s) applied", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(folder.Path, "window.db")));
    }
}
