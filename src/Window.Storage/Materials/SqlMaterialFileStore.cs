using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Window.Contracts;
using Window.Storage.ReadModel;
using static Window.Storage.ReadModel.SqlCommands;

namespace Window.Storage.Materials;

/// <summary>
/// <see cref="IMaterialFileStore"/> on SQLite and PostgreSQL. An attach is one transaction (file, chunks, link, upload key,
/// journal line): the caller hands in chunks it has already read and sealed, so the transaction lasts as long as the
/// database needs to write them, never as long as a slow client takes to send them (SQLite has one writer).
/// </summary>
public sealed class SqlMaterialFileStore(WindowDatabase database) : IMaterialFileStore
{
    private const string FileColumns = "f.file_id, f.talent_id, f.sha256, f.content_type, f.size, f.pages, f.chunks, f.stored_at, f.purged_at";

    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

    /// <inheritdoc />
    public async Task<AttachedFile> AttachAsync(MaterialAttachment attachment, IAsyncEnumerable<byte[]> sealedChunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        ArgumentNullException.ThrowIfNull(sealedChunks);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (attachment.IdempotencyKey is { } key && await UploadedAsync(connection, transaction, attachment.UserId, key, cancellationToken) is { } replayed)
        {
            return new AttachedFile(replayed, false, true);
        }

        var file = await FindAsync(connection, transaction, attachment.File.TalentId, attachment.File.Sha256, cancellationToken);
        if (file is null)
        {
            file = attachment.File;
            await InsertFileAsync(connection, transaction, file, cancellationToken);
            var seq = 0;
            await foreach (var chunk in sealedChunks.WithCancellation(cancellationToken))
            {
                await using var insert = Command(connection, transaction, "INSERT INTO window_material_chunks (file_id, seq, data) VALUES (@file, @seq, @data)",
                    [("file", Text(file.FileId)), ("seq", Int(seq++)), ("data", new SqlValue(chunk, DbType.Binary))]);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            if (seq != file.Chunks)
            {
                throw new InvalidOperationException($"The file was announced with {file.Chunks} chunks and came with {seq}.");
            }
        }

        var created = await InsertLinkAsync(connection, transaction, attachment, file.FileId, cancellationToken);
        if (attachment.IdempotencyKey is { } uploadKey)
        {
            await using var remember = Command(connection, transaction, """
                INSERT INTO window_material_uploads (user_id, idempotency_key, case_id, material_id, file_id) VALUES (@user, @key, @case, @material, @file)
                """, [("user", Text(attachment.UserId)), ("key", Text(uploadKey)), ("case", Text(attachment.CaseId)), ("material", Text(attachment.MaterialId)), ("file", Text(file.FileId))]);
            await remember.ExecuteNonQueryAsync(cancellationToken);
        }

        if (created)
        {
            await InsertJournalAsync(connection, transaction,
                new MaterialJournalEntry(attachment.CaseId, attachment.MaterialId, file.FileId, attachment.At, attachment.UserId, MaterialActions.Attached), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new AttachedFile(file, created, false);
    }

    /// <inheritdoc />
    public async Task<bool> LinkAsync(MaterialAttachment attachment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var created = await InsertLinkAsync(connection, transaction, attachment, attachment.File.FileId, cancellationToken);
        if (created)
        {
            await InsertJournalAsync(connection, transaction,
                new MaterialJournalEntry(attachment.CaseId, attachment.MaterialId, attachment.File.FileId, attachment.At, attachment.UserId, MaterialActions.Reused), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MaterialFileLink>> ListAsync(string caseId, string? materialId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, $"""
            SELECT {FileColumns}, l.case_id, l.material_id, l.attached_at, l.attached_by, l.valid_until
            FROM window_material_links l JOIN window_material_files f ON f.file_id = l.file_id
            WHERE l.case_id = @case AND (@material IS NULL OR l.material_id = @material)
            ORDER BY l.attached_at, l.file_id
            """, [("case", Text(caseId)), ("material", Text(materialId))]);
        return await ReadAllAsync(command, ReadLink, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MaterialFileLink>> OnFileAsync(
        string talentId, IReadOnlyCollection<string> materialIds, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(materialIds);
        var wanted = materialIds.ToHashSet(StringComparer.Ordinal);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, $"""
            SELECT {FileColumns}, l.case_id, l.material_id, l.attached_at, l.attached_by, l.valid_until
            FROM window_material_links l JOIN window_material_files f ON f.file_id = l.file_id
            WHERE l.talent_id = @talent AND f.purged_at IS NULL AND (l.valid_until IS NULL OR l.valid_until > @now)
            ORDER BY l.attached_at DESC, l.file_id
            """, [("talent", Text(talentId)), ("now", Instant(now))]);
        var links = await ReadAllAsync(command, ReadLink, cancellationToken);

        // One line per (material, file): the same file linked to several cases is offered once, with its latest validity.
        return [.. links.Where(l => wanted.Contains(l.MaterialId)).DistinctBy(l => (l.MaterialId, l.File.FileId))];
    }

    /// <inheritdoc />
    public async Task<long> CaseBytesAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, """
            SELECT COALESCE(SUM(f.size), 0) FROM window_material_files f
            WHERE f.file_id IN (SELECT l.file_id FROM window_material_links l WHERE l.case_id = @case)
            """, [("case", Text(caseId))]);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<byte[]> ChunksAsync(string fileId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT data FROM window_material_chunks WHERE file_id = @file ORDER BY seq", [("file", Text(fileId))]);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return await reader.GetFieldValueAsync<byte[]>(0, cancellationToken);
        }
    }

    /// <inheritdoc />
    public async Task JournalAsync(MaterialJournalEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await InsertJournalAsync(connection, null, entry, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<MaterialJournalEntry>> JournalOfAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT case_id, material_id, file_id, at, user_id, action FROM window_material_journal WHERE case_id = @case ORDER BY at, entry_id", [("case", Text(caseId))]);
        return await ReadAllAsync(command, reader => new MaterialJournalEntry(
            reader.GetString(0), reader.GetString(1), reader.GetString(2), dialect.ReadInstant(reader, 3), reader.GetString(4), reader.GetString(5)), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<int> PurgeAsync(DateTimeOffset archivedBefore, DateTimeOffset abandonedBefore, DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // A file shared by several cases of the talent goes only when none of them still keeps it; a case the read model
        // does not know yet (a projection behind) keeps it.
        await using var find = Command(connection, transaction, """
            SELECT f.file_id FROM window_material_files f
            WHERE f.purged_at IS NULL
              AND NOT EXISTS (
                SELECT 1 FROM window_material_links l LEFT JOIN window_cases c ON c.case_id = l.case_id
                WHERE l.file_id = f.file_id
                  AND (c.case_id IS NULL OR NOT (
                        (c.status = @delivered AND c.delivered_at < @archived)
                     OR (c.status IN (@withdrawn, @terminated)
                         AND (SELECT MAX(e.at) FROM window_case_events e WHERE e.case_id = c.case_id) < @abandoned))))
            ORDER BY f.stored_at, f.file_id
            LIMIT @limit
            """,
            [
                ("delivered", Text(CaseStatusKind.Delivered.Stored)), ("withdrawn", Text(CaseStatusKind.Withdrawn.Stored)),
                ("terminated", Text(CaseStatusKind.Terminated.Stored)), ("archived", Instant(archivedBefore)), ("abandoned", Instant(abandonedBefore)),
                ("limit", Int(limit)),
            ]);
        var files = await ReadAllAsync(find, reader => reader.GetString(0), cancellationToken);
        foreach (var file in files)
        {
            (string, SqlValue)[] key = [("file", Text(file)), ("now", Instant(now))];
            foreach (var sql in new[]
            {
                "DELETE FROM window_material_chunks WHERE file_id = @file",
                "UPDATE window_material_files SET purged_at = @now WHERE file_id = @file",
                $"""
                INSERT INTO window_material_journal (case_id, material_id, file_id, at, user_id, action)
                SELECT l.case_id, l.material_id, l.file_id, @now, 'system', '{MaterialActions.Purged}' FROM window_material_links l WHERE l.file_id = @file
                """,
            })
            {
                await using var command = Command(connection, transaction, sql, key);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return files.Count;
    }

    private async Task<MaterialFileRecord?> UploadedAsync(DbConnection connection, DbTransaction transaction, string user, string key, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, $"""
            SELECT {FileColumns} FROM window_material_uploads u JOIN window_material_files f ON f.file_id = u.file_id
            WHERE u.user_id = @user AND u.idempotency_key = @key
            """, [("user", Text(user)), ("key", Text(key))]);
        var found = await ReadAllAsync(command, ReadFile, cancellationToken);
        return found.Count > 0 ? found[0] : null;
    }

    private async Task<MaterialFileRecord?> FindAsync(DbConnection connection, DbTransaction transaction, string talentId, string sha256, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, $"SELECT {FileColumns} FROM window_material_files f WHERE f.talent_id = @talent AND f.sha256 = @sha AND f.purged_at IS NULL",
            [("talent", Text(talentId)), ("sha", Text(sha256))]);
        var found = await ReadAllAsync(command, ReadFile, cancellationToken);
        return found.Count > 0 ? found[0] : null;
    }

    private async Task InsertFileAsync(DbConnection connection, DbTransaction transaction, MaterialFileRecord file, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, """
            INSERT INTO window_material_files (file_id, talent_id, sha256, content_type, size, pages, chunks, stored_at, purged_at)
            VALUES (@file, @talent, @sha, @type, @size, @pages, @chunks, @at, NULL)
            """,
            [
                ("file", Text(file.FileId)), ("talent", Text(file.TalentId)), ("sha", Text(file.Sha256)), ("type", Text(file.ContentType)),
                ("size", Long(file.Size)), ("pages", Int(file.Pages)), ("chunks", Int(file.Chunks)), ("at", Instant(file.StoredAt)),
            ]);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<bool> InsertLinkAsync(DbConnection connection, DbTransaction transaction, MaterialAttachment attachment, string fileId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, """
            INSERT INTO window_material_links (case_id, material_id, file_id, talent_id, attached_at, attached_by, valid_until)
            VALUES (@case, @material, @file, @talent, @at, @by, @valid)
            ON CONFLICT (case_id, material_id, file_id) DO NOTHING
            """,
            [
                ("case", Text(attachment.CaseId)), ("material", Text(attachment.MaterialId)), ("file", Text(fileId)), ("talent", Text(attachment.File.TalentId)),
                ("at", Instant(attachment.At)), ("by", Text(attachment.UserId)),
                ("valid", attachment.ValidUntil is { } valid ? Instant(valid) : new SqlValue(null, dialect.InstantType)),
            ]);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private async Task InsertJournalAsync(DbConnection connection, DbTransaction? transaction, MaterialJournalEntry entry, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, """
            INSERT INTO window_material_journal (case_id, material_id, file_id, at, user_id, action) VALUES (@case, @material, @file, @at, @user, @action)
            """,
            [
                ("case", Text(entry.CaseId)), ("material", Text(entry.MaterialId)), ("file", Text(entry.FileId)), ("at", Instant(entry.At)),
                ("user", Text(entry.UserId)), ("action", Text(entry.Action)),
            ]);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private SqlValue Instant(DateTimeOffset value) => new(dialect.Instant(value), dialect.InstantType);

    private MaterialFileRecord ReadFile(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4),
        reader.IsDBNull(5) ? null : reader.GetInt32(5), reader.GetInt32(6), dialect.ReadInstant(reader, 7), reader.IsDBNull(8) ? null : dialect.ReadInstant(reader, 8));

    private MaterialFileLink ReadLink(DbDataReader reader) => new(
        reader.GetString(9), reader.GetString(10), ReadFile(reader), dialect.ReadInstant(reader, 11), reader.GetString(12), reader.IsDBNull(13) ? null : dialect.ReadInstant(reader, 13));
}
