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
            "users" when args.Length >= 4 && args[1] == "add" => await AddUserAsync(args[2], args[3], args.Length > 4 && !args[4].StartsWith("--", StringComparison.Ordinal) ? args[4] : null, args[(args.Length > 4 && !args[4].StartsWith("--", StringComparison.Ordinal) ? 5 : 4)..]),
            "users" => Usage("usage: users add <username> <role> [department]   (password from the WINDOW_PASSWORD environment variable)"),
            "workflows" => Usage("usage: workflows validate <folder>"),
            _ => null,
        };
    }

    private static int Usage(string usage)
    {
        Console.Error.WriteLine(usage);
        return 2;
    }

    /// <summary>
    /// Creates a staff account from the command line: how the first administrator of a cluster is made (the cluster
    /// profile seeds no demo users). The password comes from WINDOW_PASSWORD, never from the arguments.
    /// </summary>
    private static async Task<int> AddUserAsync(string username, string role, string? department, string[] args)
    {
        var password = Environment.GetEnvironmentVariable("WINDOW_PASSWORD");
        if (string.IsNullOrEmpty(password) || password.Length < 10)
        {
            await Console.Error.WriteLineAsync("Set WINDOW_PASSWORD to the new user's password (at least 10 characters).");
            return 2;
        }

        var builder = WebApplication.CreateBuilder(args);
        builder.AddWindowConfigFile();
        var settings = WindowSettings.From(builder.Configuration);
        if (settings.Database.Provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(settings.DataDirectory);
        }

        using var loggers = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true));
        await new DatabaseMigrator(settings.Database, loggers.CreateLogger<DatabaseMigrator>()).MigrateAsync();
        var users = new Storage.Identity.UserStore(settings.Database);
        var catalog = WorkflowCatalog.Load(settings.WorkflowsDirectory);
        await users.EnsureDepartmentsAsync(catalog.Departments.Values.Select(d => new Storage.Identity.DepartmentRecord(d.Id, d.Name.Zh, d.Name.En, true)));
        var record = new Storage.Identity.UserRecord(username, username, role, department, "", 0, null, true);
        record = record with { PasswordHash = new Microsoft.AspNetCore.Identity.PasswordHasher<Storage.Identity.UserRecord>().HashPassword(record, password) };
        try
        {
            var created = await users.CreateAsync(record, DateTimeOffset.UtcNow);
            await Console.Out.WriteLineAsync(created ? $"Created {username} ({role}{(department is null ? "" : ", " + department)})." : $"{username} exists already; unchanged.");
            return 0;
        }
        catch (System.Data.Common.DbException exception)
        {
            await Console.Error.WriteLineAsync($"users add failed: {exception.Message}");
            return 1;
        }
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
