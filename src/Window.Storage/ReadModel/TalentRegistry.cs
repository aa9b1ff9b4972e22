using static Window.Storage.ReadModel.SqlCommands;

namespace Window.Storage.ReadModel;

/// <summary>Talents by a keyed hash of their ID number (never the number itself).</summary>
public interface ITalentRegistry
{
    /// <summary>
    /// The talent id registered for a keyed hash of an ID number; registers <paramref name="candidateTalentId"/>
    /// when there is none. Concurrent calls with the same hash all get the same id.
    /// </summary>
    Task<string> FindOrRegisterTalentAsync(string idNumberHash, string candidateTalentId, CancellationToken cancellationToken = default);

    /// <summary>The talent id registered for a keyed hash of an ID number, or <see langword="null"/>; registers nothing.</summary>
    Task<string?> FindTalentAsync(string idNumberHash, CancellationToken cancellationToken = default);
}

/// <summary><see cref="ITalentRegistry"/> on window_talents, whose unique id_hash makes concurrent registrations agree.</summary>
/// <param name="database">Where the registry lives.</param>
/// <param name="timeProvider">The clock that stamps registrations.</param>
public sealed class TalentRegistry(WindowDatabase database, TimeProvider timeProvider) : ITalentRegistry
{
    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

    /// <inheritdoc />
    public async Task<string> FindOrRegisterTalentAsync(
        string idNumberHash, string candidateTalentId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(idNumberHash);
        ArgumentException.ThrowIfNullOrEmpty(candidateTalentId);

        // Two statements, each committed on its own: the insert waits for a concurrent insert of the same hash to
        // finish, so the select always sees the one row that won.
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using (var insert = Command(connection, null,
            "INSERT INTO window_talents (talent_id, id_hash, registered_at) VALUES (@talent_id, @id_hash, @registered_at) " +
            "ON CONFLICT (id_hash) DO NOTHING",
            [("talent_id", Text(candidateTalentId)), ("id_hash", Text(idNumberHash)), ("registered_at", Instant(timeProvider.GetUtcNow()))]))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var select = Command(connection, null, "SELECT talent_id FROM window_talents WHERE id_hash = @id_hash",
            [("id_hash", Text(idNumberHash))]);
        return await select.ExecuteScalarAsync(cancellationToken) as string
            ?? throw new InvalidOperationException("A talent registered for a hash was not found right after its registration.");
    }

    /// <inheritdoc />
    public async Task<string?> FindTalentAsync(string idNumberHash, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(idNumberHash);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var select = Command(connection, null, "SELECT talent_id FROM window_talents WHERE id_hash = @id_hash",
            [("id_hash", Text(idNumberHash))]);
        return await select.ExecuteScalarAsync(cancellationToken) as string;
    }

    private SqlValue Instant(DateTimeOffset value) => new(dialect.Instant(value), dialect.InstantType);
}
