using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace Window.Host.Tests;

/// <summary>The whole host in-process (API and silo) with the given <c>Window:*</c> settings.</summary>
public sealed class WindowFactory(IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Program>
{
    /// <summary>Every line the host logged (Debug and up), for tests that check what a start writes.</summary>
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
    }
}
