using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Window.Contracts;
using Window.Testing;

namespace Window.Host.Tests;

public sealed class when_the_embedded_host_starts : IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task an_empty_data_folder_is_created_and_the_host_is_ready()
    {
        var dataDir = Path.Combine(folder.Path, "fresh", "data");
        await using var host = new WindowFactory(new Dictionary<string, string> { ["Window:DataDir"] = dataDir });
        using var client = host.CreateClient();

        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.True(File.Exists(Path.Combine(dataDir, "window.db")));

        // A browser showing a file by itself asks for /favicon.ico: it gets the emblem, not a 404.
        using var icon = await client.GetAsync(new Uri("/favicon.ico", UriKind.Relative));
        Assert.Equal("image/svg+xml", icon.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task a_restart_on_the_same_folder_keeps_what_was_stored()
    {
        var settings = new Dictionary<string, string> { ["Window:DataDir"] = folder.Path };
        IReadOnlyList<string> firstLogs;
        await using (var first = new WindowFactory(settings))
        {
            var numbers = first.Services.GetRequiredService<IGrainFactory>().GetGrain<ICaseNumberGrain>("2026");
            await numbers.NextAsync();
            await numbers.NextAsync();
            firstLogs = first.Logs.Lines;
        }

        await using var second = new WindowFactory(settings);
        using var client = second.CreateClient();
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        var after = second.Services.GetRequiredService<IGrainFactory>().GetGrain<ICaseNumberGrain>("2026");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("RC-2026-000002", await after.LastAsync());
        Assert.Equal("RC-2026-000003", await after.NextAsync());

        // Neither start (a new data folder, then one with a key ring and a database) warns of a watchdog stall or of
        // the data-protection key ring: the first start's key is created, encrypted and stored, the second reads it.
        Assert.Empty(StartUpWarnings(firstLogs));
        Assert.Empty(StartUpWarnings(second.Logs.Lines));
    }

    private static IEnumerable<string> StartUpWarnings(IReadOnlyList<string> lines) => lines.Where(line =>
        line.Contains("Participant check thread", StringComparison.Ordinal)
        || ((line.StartsWith("Warning ", StringComparison.Ordinal) || line.StartsWith("Error ", StringComparison.Ordinal))
            && line.Contains(" Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal)));

    [Fact]
    public async Task readiness_fails_when_storage_does_not_answer()
    {
        await using var host = new WindowFactory(new Dictionary<string, string> { ["Window:DataDir"] = folder.Path });
        using var client = host.CreateClient();
        using (var before = await client.GetAsync(new Uri("/health/ready", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder.Path, "window.db")}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE OrleansQuery";
            await command.ExecuteNonQueryAsync();
        }

        using var after = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, after.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
