using Window.Contracts;
using Window.Testing;

namespace Window.Storage.Tests;

[Collection(PostgresCollection.Name)]
public sealed class when_clustering_on_postgres(PostgresServer postgres)
{
    [Fact]
    public async Task two_silos_form_a_cluster_and_grains_stay_reachable_after_one_stops()
    {
        var database = WindowDatabase.PostgreSql(await postgres.CreateDatabaseAsync());
        await new DatabaseMigrator(database, Microsoft.Extensions.Logging.Abstractions.NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
        var first = await TestSilos.StartAsync(database, adoNetClustering: true);
        var second = await TestSilos.StartAsync(database, adoNetClustering: true);
        try
        {
            Assert.Equal(2, await Databases.CountAsync(database, "SELECT COUNT(*) FROM window_membership WHERE status = 3"));
            var years = Enumerable.Range(2001, 20).Select(year => year.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            foreach (var year in years)
            {
                Assert.Equal($"RC-{year}-000001", await second.Grains().GetGrain<ICaseNumberGrain>(year).NextAsync());
            }

            await second.StopAndDisposeAsync();

            foreach (var year in years)
            {
                Assert.Equal($"RC-{year}-000002", await first.Grains().GetGrain<ICaseNumberGrain>(year).NextAsync());
            }

            Assert.Equal(1, await Databases.CountAsync(database, "SELECT COUNT(*) FROM window_membership WHERE status = 3"));
        }
        finally
        {
            await first.StopAndDisposeAsync();
        }
    }
}
