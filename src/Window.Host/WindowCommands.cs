using Window.Host.Hosting;
using Window.Storage;
using Window.Workflows.Catalog;

namespace Window.Host;

/// <summary>
/// The host's subcommands, run instead of serving:
/// <c>migrate</c> applies the database migrations for the configured profile and exits;
/// <c>workflows validate &lt;folder&gt;</c> checks a catalogue and prints each problem as <c>file:line: path: message</c>.
/// </summary>
internal static class WindowCommands
{
    /// <summary>Runs a subcommand when the arguments name one; <see langword="null"/> when the host should serve.</summary>
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args.Length == 0)
        {
            return null;
        }

        return args[0] switch
        {
            "migrate" => await MigrateAsync(args[1..]),
            "workflows" when args.Length == 3 && args[1] == "validate" => WorkflowValidateCommand.Run(args[2], Console.Out, Console.Error),
            "workflows" => Usage("usage: workflows validate <folder>"),
            _ => null,
        };
    }

    private static int Usage(string usage)
    {
        Console.Error.WriteLine(usage);
        return 2;
    }

    private static async Task<int> MigrateAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddWindowConfigFile();
        using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true));
        try
        {
            var settings = WindowSettings.From(builder.Configuration);
            if (settings.Database.Provider == DatabaseProvider.Sqlite)
            {
                Directory.CreateDirectory(settings.DataDirectory);
            }

            var report = await new DatabaseMigrator(settings.Database, loggers.CreateLogger<DatabaseMigrator>()).MigrateAsync();
            await Console.Out.WriteLineAsync(
                $"{settings.Database.Describe()}: {report.Applied.Count} migration(s) applied, {report.AlreadyApplied} already present.");
            return 0;
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.Data.Common.DbException)
        {
            await Console.Error.WriteLineAsync($"migrate failed: {exception.Message}");
            return 1;
        }
    }
}
