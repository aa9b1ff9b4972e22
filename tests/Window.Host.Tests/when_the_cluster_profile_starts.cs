using System.Net;
using Npgsql;
using Window.Testing;

namespace Window.Host.Tests;

public sealed class when_the_cluster_profile_starts(SharedPostgres postgres) : IClassFixture<SharedPostgres>
{
    [Fact]
    public async Task it_starts_against_an_empty_postgres_database_and_joins_the_membership_table()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await using var host = new WindowFactory(new Dictionary<string, string>
        {
            ["Window:Profile"] = "cluster",
            ["Window:Database:ConnectionString"] = connectionString,
            ["Window:Orleans:SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Window:Orleans:GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Window:Orleans:AdvertisedAddress"] = "127.0.0.1",
            ["Window:Secrets:MasterKey"] = Convert.ToBase64String(new byte[32]),
        });
        using var client = host.CreateClient();

        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM window_membership WHERE status = 3", connection);
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }
}
