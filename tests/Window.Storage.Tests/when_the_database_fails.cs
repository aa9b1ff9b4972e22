using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Serialization;
using Window.Contracts;
using Window.Grains;
using Window.Testing;

namespace Window.Storage.Tests;

/// <summary>
/// A database failure leaves grain storage as the project's own <see cref="StorageFailureException"/>: its SQL state and
/// message kept, whether a retry can help said, no value of the statement in it, and serializable to another silo (which
/// the driver's own exceptions are not).
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class when_the_database_fails(PostgresServer postgres) : IDisposable
{
    private const string GrainType = "case-numbers";
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "SQLITE_1")]
    [InlineData(DatabaseProvider.PostgreSql, "42P01")]
    public async Task a_refused_statement_is_a_storage_failure_with_its_sql_state_that_no_retry_fixes(DatabaseProvider provider, string sqlState)
    {
        var database = await Databases.CreateAsync(provider, postgres, folder);
        var silo = await TestSilos.StartAsync(database);
        try
        {
            await Databases.CountAsync(database, "DROP TABLE window_grain_state");

            var failure = await Assert.ThrowsAsync<StorageFailureException>(() =>
                silo.Storage().WriteStateAsync(GrainType, GrainId.Create(GrainType, "2031"), State(1)));

            Assert.Equal("write grain state", failure.Operation);
            Assert.Equal(sqlState, failure.SqlState);
            Assert.False(failure.IsTransient);
            Assert.Contains("window_grain_state", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            await silo.StopAndDisposeAsync();
        }
    }

    [Fact]
    public void a_data_exception_keeps_its_sql_state_and_not_the_value_it_quotes()
    {
        var idNumber = "330106199001011234";
        var driver = new PostgresException($"invalid input syntax for type integer: \"{idNumber}\"", "ERROR", "ERROR", "22P02");

        var failure = StorageFailures.Describe(driver, "query");

        Assert.Equal("22P02", failure.SqlState);
        Assert.False(failure.IsTransient);
        Assert.DoesNotContain(idNumber, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void a_storage_failure_crosses_silos_with_its_reason_where_the_drivers_exception_cannot()
    {
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
        var driver = new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03");
        var failure = StorageFailures.Describe(driver, "write grain state");

        var received = Assert.IsType<StorageFailureException>(serializer.Deserialize<Exception>(serializer.SerializeToArray<Exception>(failure)));

        Assert.Equal(failure.Message, received.Message);
        Assert.Equal(("write grain state", "PostgresException", "57P03", true), (received.Operation, received.Cause, received.SqlState, received.IsTransient));
        Assert.ThrowsAny<Exception>(() => serializer.SerializeToArray<Exception>(driver));
    }

    private static GrainState<CaseNumberGrain.SequenceState> State(int last) =>
        new(new CaseNumberGrain.SequenceState { Last = last }, null);
}

/// <summary>The grain storage's database crashes: a transient storage failure, and the first write after it is back succeeds.</summary>
public sealed class when_the_grain_storage_database_is_away : IAsyncLifetime
{
    // A server of its own: crashing the collection's would break the other tests.
    private readonly PostgresServer server = new();

    public Task InitializeAsync() => server.InitializeAsync();

    public Task DisposeAsync() => server.DisposeAsync();

    [Fact]
    public async Task a_write_is_a_transient_storage_failure_and_the_first_write_after_the_restart_succeeds()
    {
        // The tests' server acknowledges commits before their WAL is flushed; a crash would lose the first write.
        var database = WindowDatabase.PostgreSql(new NpgsqlConnectionStringBuilder(await server.CreateDatabaseAsync()) { Options = "-c synchronous_commit=on" }.ConnectionString);
        await new DatabaseMigrator(database, Microsoft.Extensions.Logging.Abstractions.NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
        var silo = await TestSilos.StartAsync(database);
        try
        {
            var storage = silo.Storage();
            var id = GrainId.Create("case-numbers", "2031");
            var state = new GrainState<CaseNumberGrain.SequenceState>(new CaseNumberGrain.SequenceState { Last = 1 }, null);
            await storage.WriteStateAsync("case-numbers", id, state);

            await server.CrashAsync();
            StorageFailureException failure;
            try
            {
                state.State = new CaseNumberGrain.SequenceState { Last = 2 };
                failure = await Assert.ThrowsAsync<StorageFailureException>(() => storage.WriteStateAsync("case-numbers", id, state));
            }
            finally
            {
                await server.RestartAsync();
            }

            await storage.WriteStateAsync("case-numbers", id, state);

            Assert.True(failure.IsTransient, failure.Message);
            Assert.Equal("write grain state", failure.Operation);
        }
        finally
        {
            await silo.StopAndDisposeAsync();
        }
    }
}
