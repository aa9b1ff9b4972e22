using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Window.Host.Hosting;

/// <summary>Ready only when the database answers and holds the Orleans queries (the migrations ran).</summary>
internal sealed class StorageHealthCheck(WindowSettings settings) : IHealthCheck
{
    /// <summary>How long the check waits for the database before it reports it unreachable.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await settings.Database.OpenConnectionAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM OrleansQuery";
            var queries = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            return queries > 0
                ? HealthCheckResult.Healthy($"{settings.Database.Provider} answers")
                : HealthCheckResult.Unhealthy("The database has no Orleans queries: migrations have not run.");
        }
        catch (Exception exception) when (exception is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"{settings.Database.Provider} does not answer: {exception.GetType().Name}");
        }
    }
}
