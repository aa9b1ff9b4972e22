using Window.Storage.ReadModel;
using static Window.Storage.ReadModel.SqlCommands;

namespace Window.Storage.Sla;

/// <summary>The dashboard's trend: when cases were opened, and when completed ones completed against their promise.</summary>
public sealed class SlaTrend(WindowDatabase database)
{
    private readonly SqlAccess access = new(database);

    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

    /// <summary>When cases were opened in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> OpenedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT opened_at FROM window_cases WHERE opened_at >= @from AND opened_at < @to",
            [("from", access.Instant(from)), ("to", access.Instant(to))]);
        return await ReadAllAsync(command, reader => dialect.ReadInstant(reader, 0), cancellationToken);
    }

    /// <summary>When cases completed in [<paramref name="from"/>, <paramref name="to"/>) completed and were promised by.</summary>
    public async Task<IReadOnlyList<(DateTimeOffset CompletedAt, DateOnly PromisedBy)>> CompletionsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, $"SELECT c.completed_at, c.promised_by FROM window_cases c WHERE {SlaRollups.CompletedWhere}",
            [("from", access.Instant(from)), ("to", access.Instant(to))]);
        return await ReadAllAsync(command, reader => (dialect.ReadInstant(reader, 0), dialect.ReadDay(reader, 1)), cancellationToken);
    }
}
