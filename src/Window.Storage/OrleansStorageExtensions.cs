using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Window.Storage;

/// <summary>Points Orleans' ADO.NET providers at Window's own schema (see <c>Migrations/</c>).</summary>
public static class OrleansStorageExtensions
{
    /// <summary>
    /// Grain state goes to <c>window_grain_state</c> through Microsoft.Orleans.Persistence.AdoNet, serialized with
    /// Orleans' own version-tolerant serializer, so that stored state follows the <c>[Id]</c>/<c>[Alias]</c> of the
    /// state records and survives renames (the silo default would be JSON of the CLR shape); written into pooled buffers
    /// (<see cref="WindowGrainStorageSerializer"/>). Its driver exceptions
    /// leave it as <see cref="Window.Contracts.StorageFailureException"/> (<see cref="FailureDescribingGrainStorage"/>).
    /// </summary>
    public static ISiloBuilder AddWindowGrainStorage(this ISiloBuilder silo, WindowDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        silo.Services.AddSingleton<IGrainStorageSerializer, WindowGrainStorageSerializer>();
        silo.AddAdoNetGrainStorageAsDefault(options =>
        {
            options.Invariant = database.OrleansInvariant;
            options.ConnectionString = database.ConnectionString;
        });
        FailureDescribingGrainStorage.Install(silo.Services, database);
        return silo;
    }

    /// <summary>Membership through <c>window_membership</c>; PostgreSQL only (the provider has no SQLite support).</summary>
    public static ISiloBuilder UseWindowClustering(this ISiloBuilder silo, WindowDatabase database)
    {
        RequirePostgreSql(database, "clustering");
        return silo.UseAdoNetClustering(options =>
        {
            options.Invariant = database.OrleansInvariant;
            options.ConnectionString = database.ConnectionString;
        });
    }

    /// <summary>Durable reminders through <c>window_reminders</c>; PostgreSQL only.</summary>
    public static ISiloBuilder UseWindowReminders(this ISiloBuilder silo, WindowDatabase database)
    {
        RequirePostgreSql(database, "reminders");
        return silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = database.OrleansInvariant;
            options.ConnectionString = database.ConnectionString;
        });
    }

    private static void RequirePostgreSql(WindowDatabase database, string what)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.Provider != DatabaseProvider.PostgreSql)
        {
            throw new InvalidOperationException($"Orleans' ADO.NET {what} runs on PostgreSQL only, not on {database.Provider}.");
        }
    }
}
