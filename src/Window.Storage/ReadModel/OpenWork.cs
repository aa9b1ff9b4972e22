using System.Globalization;
using Window.Contracts;
using Window.Storage.Sla;
using static Window.Storage.ReadModel.SqlCommands;
using static Window.Storage.ReadModel.SqlVocabulary;

namespace Window.Storage.ReadModel;

/// <summary>What one user still holds: an officer's open cases, a clerk's claimed steps.</summary>
public sealed record OpenWorkCount(int Cases, int Steps)
{
    /// <summary>Whether anything would be stranded if the user left.</summary>
    public bool Any => Cases > 0 || Steps > 0;
}

/// <summary>A handover already made under an idempotency key, answered again to a retry.</summary>
public sealed record HandoverRow(string From, string To, int Moved, DateTimeOffset At);

/// <summary>
/// The read model's answers for handing work over (issue 20): the open cases an officer owns, the steps a clerk has
/// claimed, and the handovers already made by key (window_handovers, migration 0021).
/// </summary>
public sealed class OpenWork(WindowDatabase database)
{
    private readonly SqlAccess access = new(database);

    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

    /// <summary>The ids of the cases not yet delivered or withdrawn (still in progress, or decided and waiting for 出件) that <paramref name="officer"/> owns, oldest promise first.</summary>
    public async Task<IReadOnlyList<string>> OpenCasesOfAsync(string officer, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT case_id FROM window_cases WHERE officer = @officer AND status IN {In(CaseStatusKind.Open, CaseStatusKind.Completed)} ORDER BY promised_by, case_id",
            [("officer", Text(officer))]);
        return await ReadAllAsync(command, reader => reader.GetString(0), cancellationToken);
    }

    /// <summary>How many open cases <paramref name="user"/> owns and how many steps they have claimed.</summary>
    public async Task<OpenWorkCount> CountAsync(string user, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT (SELECT COUNT(*) FROM window_cases WHERE officer = @user AND status IN {In(CaseStatusKind.Open, CaseStatusKind.Completed)}), " +
            $"(SELECT COUNT(*) FROM window_steps WHERE claimed_by = @user AND status = {Sql(StepStatusKind.Claimed)} AND case_status = {Sql(CaseStatusKind.Open)})",
            [("user", Text(user))]);
        var counts = await ReadAllAsync(command, reader => new OpenWorkCount(
            Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture)), cancellationToken);
        return counts.Single();
    }

    /// <summary>The handover <paramref name="actor"/> made under <paramref name="key"/>, if any.</summary>
    public async Task<HandoverRow?> HandoverAsync(string actor, string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT from_user, to_user, moved, at FROM window_handovers WHERE actor = @actor AND idempotency_key = @key",
            [("actor", Text(actor)), ("key", Text(key))]);
        return (await ReadAllAsync(command, reader => new HandoverRow(
            reader.GetString(0), reader.GetString(1), Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture), dialect.ReadInstant(reader, 3)), cancellationToken)).SingleOrDefault();
    }

    /// <summary>Records a finished handover under its key (a concurrent twin's record stands).</summary>
    public Task RecordHandoverAsync(string actor, string key, HandoverRow handover, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(handover);
        return access.ExecuteAsync(
            "INSERT INTO window_handovers (actor, idempotency_key, from_user, to_user, moved, at) VALUES (@actor, @key, @from, @to, @moved, @at) " +
            "ON CONFLICT (actor, idempotency_key) DO NOTHING",
            [("actor", Text(actor)), ("key", Text(key)), ("from", Text(handover.From)), ("to", Text(handover.To)), ("moved", Int(handover.Moved)), ("at", access.Instant(handover.At))],
            cancellationToken);
    }
}
