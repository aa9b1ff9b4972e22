using Microsoft.AspNetCore.Identity;
using Window.Contracts;
using Window.Storage.Identity;
using Window.Workflows.Catalog;

namespace Window.Host.Identity;

/// <summary>
/// Seeds the departments from the catalogue (every profile) and, on the embedded profile only, one demo user per
/// role and per department, all with the password <see cref="Password"/>, so a newcomer can try every role.
/// Runs after the migrations and before the silo.
/// </summary>
internal sealed class DemoUsers(
    Hosting.WindowSettings settings, UserStore users, WorkflowCatalog catalog, IPasswordHasher<UserRecord> hasher, TimeProvider time, ILogger<DemoUsers> logger) : IHostedService
{
    public const string Password = "window-demo";

    // Every demo account has the same published password, so one hash serves them all and every later start in this
    // process (a hash costs PBKDF2's 100,000 rounds: 14 of them were half of a test host's start).
    private static string? demoHash;

    /// <summary>The demo accounts: user name, display name, role, department.</summary>
    public static IReadOnlyList<(string User, string Name, string Role, string? Department)> Accounts(WorkflowCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return
        [
            ("desk", "窗口受理员 王敏", Roles.FrontDesk, null),
            ("officer", "人才专员 李强", Roles.Officer, null),
            ("supervisor", "效能督查 陈静", Roles.Supervisor, null),
            ("admin", "系统管理员", Roles.Administrator, null),
            .. catalog.Departments.Values.OrderBy(d => d.Id, StringComparer.Ordinal).Select(d => (d.Id, $"{d.Name.Zh}经办人", Roles.Department, (string?)d.Id)),
        ];
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await users.EnsureDepartmentsAsync(
            catalog.Departments.Values.Select(d => new DepartmentRecord(d.Id, d.Name.Zh, d.Name.En, true)), cancellationToken);
        if (!settings.SeedDemoUsers)
        {
            return;
        }

        var created = 0;
        foreach (var (user, name, role, department) in Accounts(catalog))
        {
            var record = new UserRecord(user, name, role, department, "", 0, null, true);
            demoHash ??= hasher.HashPassword(record, Password);
            if (await users.CreateAsync(record with { PasswordHash = demoHash }, time.GetUtcNow(), cancellationToken))
            {
                created++;
            }
        }

        if (created > 0)
        {
            logger.LogInformation("Seeded {Count} demo users (password {Password}); the cluster profile never does", created, Password);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
