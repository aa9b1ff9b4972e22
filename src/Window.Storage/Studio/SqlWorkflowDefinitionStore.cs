using System.Data.Common;
using System.Globalization;
using Window.Storage.ReadModel;
using static Window.Storage.ReadModel.SqlCommands;

namespace Window.Storage.Studio;

/// <summary>
/// <see cref="IWorkflowDefinitionStore"/> on window_workflow_versions, _drafts and _journal (migration 0023) and the departments of
/// window_departments, on SQLite and PostgreSQL alike. Every change of the published catalogue writes its journal row in the same
/// transaction, so the journal's row count (the stamp) moves exactly when the catalogue does.
/// </summary>
public sealed class SqlWorkflowDefinitionStore(WindowDatabase database) : IWorkflowDefinitionStore
{
    private const string VersionColumns = "item_id, version, definition, published_at, published_by, retracted_at, retracted_by";
    private const string DraftColumns = "draft_id, item_id, definition, created_by, created_at, updated_by, updated_at";

    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

    /// <inheritdoc />
    public async Task<long> StampAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT COUNT(*) FROM window_workflow_journal", []);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredItemVersion>> VersionsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, $"SELECT {VersionColumns} FROM window_workflow_versions ORDER BY item_id, version", []);
        return await ReadAllAsync(command, ReadVersion, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredDepartment>> DepartmentsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT department_id, name_zh, name_en FROM window_departments ORDER BY department_id", []);
        return await ReadAllAsync(command, reader => new StoredDepartment(reader.GetString(0), reader.GetString(1), reader.GetString(2)), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> SeedAsync(IReadOnlyList<StoredItemVersion> versions, IReadOnlyList<StoredDepartment> departments, string by, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(versions);
        ArgumentNullException.ThrowIfNull(departments);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        // Only the host whose 'seeded' row goes in imports; another one starting at the same time waits here, then finds it.
        await using (var claim = Command(connection, transaction,
            "INSERT INTO window_workflow_journal (action, subject, version, actor, at, summary) VALUES ('seeded', '', 0, @by, @at, @summary) " +
            "ON CONFLICT (action) WHERE action = 'seeded' DO NOTHING",
            [("by", Text(by)), ("at", Instant(at)), ("summary", Text($"{versions.Count} item versions, {departments.Count} departments from workflows/"))]))
        {
            if (await claim.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }
        }

        foreach (var department in departments)
        {
            await using var insert = Command(connection, transaction,
                "INSERT INTO window_departments (department_id, name_zh, name_en) VALUES (@id, @zh, @en) ON CONFLICT (department_id) DO NOTHING",
                [("id", Text(department.Id)), ("zh", Text(department.NameZh)), ("en", Text(department.NameEn))]);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        foreach (var version in versions)
        {
            await using var insert = InsertVersion(connection, transaction, version);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task<bool> PublishAsync(StoredItemVersion version, Guid? fromDraft, string summary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(version);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = InsertVersion(connection, transaction, version))
        {
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }
        }

        if (fromDraft is { } draftId)
        {
            await using var delete = Command(connection, transaction, "DELETE FROM window_workflow_drafts WHERE draft_id = @id", [("id", Text(Id(draftId)))]);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await JournalAsync(connection, transaction, StudioAction.Published, version.ItemId, version.Version, version.PublishedBy, version.PublishedAt, summary, cancellationToken, fromDraft);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <inheritdoc />
    public async Task<int?> PublishedFromDraftAsync(Guid draftId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, "SELECT version FROM window_workflow_journal WHERE draft_id = @id", [("id", Text(Id(draftId)))]);
        return (await ReadAllAsync(command, reader => reader.GetInt32(0), cancellationToken)) is [var version] ? version : null;
    }

    /// <inheritdoc />
    public Task<bool> RetractAsync(string itemId, int version, string by, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        ChangeAsync(
            "UPDATE window_workflow_versions SET retracted_at = @at, retracted_by = @by WHERE item_id = @item AND version = @version AND retracted_at IS NULL",
            [("at", Instant(at)), ("by", Text(by)), ("item", Text(itemId)), ("version", Int(version))],
            StudioAction.Retracted, itemId, version, by, at, "", cancellationToken);

    /// <inheritdoc />
    public Task<bool> AddDepartmentAsync(StoredDepartment department, string by, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(department);
        return ChangeAsync(
            "INSERT INTO window_departments (department_id, name_zh, name_en) VALUES (@id, @zh, @en) ON CONFLICT (department_id) DO NOTHING",
            [("id", Text(department.Id)), ("zh", Text(department.NameZh)), ("en", Text(department.NameEn))],
            StudioAction.DepartmentAdded, department.Id, 0, by, at, $"{department.NameZh} / {department.NameEn}", cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RenameDepartmentAsync(StoredDepartment department, string by, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(department);
        return ChangeAsync(
            "UPDATE window_departments SET name_zh = @zh, name_en = @en WHERE department_id = @id",
            [("id", Text(department.Id)), ("zh", Text(department.NameZh)), ("en", Text(department.NameEn))],
            StudioAction.DepartmentRenamed, department.Id, 0, by, at, $"{department.NameZh} / {department.NameEn}", cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> InsertDraftAsync(StoredDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"INSERT INTO window_workflow_drafts ({DraftColumns}) VALUES (@id, @item, @json, @created_by, @created_at, @updated_by, @updated_at) " +
            "ON CONFLICT (draft_id) DO NOTHING",
            [("id", Text(Id(draft.DraftId))), ("item", Text(draft.ItemId)), ("json", Text(draft.Json)), ("created_by", Text(draft.CreatedBy)),
                ("created_at", Instant(draft.CreatedAt)), ("updated_by", Text(draft.UpdatedBy)), ("updated_at", Instant(draft.UpdatedAt))]);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<bool> UpdateDraftAsync(Guid draftId, string itemId, string json, string by, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "UPDATE window_workflow_drafts SET definition = @json, updated_by = @by, updated_at = @at WHERE draft_id = @id AND item_id = @item",
            [("json", Text(json)), ("by", Text(by)), ("at", Instant(at)), ("id", Text(Id(draftId))), ("item", Text(itemId))]);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<StoredDraft?> DraftAsync(string itemId, Guid draftId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, $"SELECT {DraftColumns} FROM window_workflow_drafts WHERE draft_id = @id AND item_id = @item",
            [("id", Text(Id(draftId))), ("item", Text(itemId))]);
        return (await ReadAllAsync(command, ReadDraft, cancellationToken)).SingleOrDefault();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredDraft>> DraftsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, $"SELECT {DraftColumns} FROM window_workflow_drafts ORDER BY updated_at DESC, draft_id", []);
        return await ReadAllAsync(command, ReadDraft, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<bool> DeleteDraftAsync(string itemId, Guid draftId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, "DELETE FROM window_workflow_drafts WHERE draft_id = @id AND item_id = @item",
            [("id", Text(Id(draftId))), ("item", Text(itemId))]);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredPublication>> JournalAsync(string? subject, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT seq, action, subject, version, actor, at, summary FROM window_workflow_journal WHERE @subject IS NULL OR subject = @subject ORDER BY seq DESC",
            [("subject", Text(subject))]);
        return await ReadAllAsync(command, reader => new StoredPublication(
            reader.GetInt64(0), StudioActions.Parse(reader.GetString(1)), reader.GetString(2), reader.GetInt32(3), reader.GetString(4),
            dialect.ReadInstant(reader, 5), reader.GetString(6)), cancellationToken);
    }

    /// <summary>The item versions named by cases that are not finished (open, or completed but not yet delivered).</summary>
    public async Task<IReadOnlyList<(string ItemId, int Version)>> VersionsOfOpenCasesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            "SELECT DISTINCT i.item_id, i.item_version FROM window_case_items i JOIN window_cases c ON c.case_id = i.case_id " +
            "WHERE c.status IN ('open', 'completed') ORDER BY i.item_id, i.item_version", []);
        return await ReadAllAsync(command, reader => (reader.GetString(0), reader.GetInt32(1)), cancellationToken);
    }

    private async Task<bool> ChangeAsync(
        string sql, IEnumerable<(string, SqlValue)> parameters, StudioAction action, string subject, int version, string by, DateTimeOffset at, string summary,
        CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var change = Command(connection, transaction, sql, parameters))
        {
            if (await change.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                return false;
            }
        }

        await JournalAsync(connection, transaction, action, subject, version, by, at, summary, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task JournalAsync(
        DbConnection connection, DbTransaction transaction, StudioAction action, string subject, int version, string by, DateTimeOffset at, string summary,
        CancellationToken cancellationToken, Guid? draftId = null)
    {
        await using var journal = Command(connection, transaction,
            "INSERT INTO window_workflow_journal (action, subject, version, actor, at, summary, draft_id) VALUES (@action, @subject, @version, @by, @at, @summary, @draft)",
            [("action", Text(StudioActions.Stored(action))), ("subject", Text(subject)), ("version", Int(version)), ("by", Text(by)), ("at", Instant(at)), ("summary", Text(summary)),
                ("draft", Text(draftId is { } id ? Id(id) : null))]);
        await journal.ExecuteNonQueryAsync(cancellationToken);
    }

    private DbCommand InsertVersion(DbConnection connection, DbTransaction transaction, StoredItemVersion version) =>
        Command(connection, transaction,
            $"INSERT INTO window_workflow_versions ({VersionColumns}) VALUES (@item, @version, @json, @at, @by, NULL, NULL) ON CONFLICT (item_id, version) DO NOTHING",
            [("item", Text(version.ItemId)), ("version", Int(version.Version)), ("json", Text(version.Json)), ("at", Instant(version.PublishedAt)), ("by", Text(version.PublishedBy))]);

    private StoredItemVersion ReadVersion(DbDataReader reader) => new(
        reader.GetString(0), reader.GetInt32(1), reader.GetString(2), dialect.ReadInstant(reader, 3), reader.GetString(4),
        reader.IsDBNull(5) ? null : dialect.ReadInstant(reader, 5), NullableText(reader, 6));

    private StoredDraft ReadDraft(DbDataReader reader) => new(
        Guid.ParseExact(reader.GetString(0), "D"), reader.GetString(1), reader.GetString(2), reader.GetString(3), dialect.ReadInstant(reader, 4),
        reader.GetString(5), dialect.ReadInstant(reader, 6));

    private SqlValue Instant(DateTimeOffset value) => new(dialect.Instant(value), dialect.InstantType);

    private static string Id(Guid draftId) => draftId.ToString("D", CultureInfo.InvariantCulture);
}

/// <summary>The stored strings of <see cref="StudioAction"/>: never derived from the member names, so a rename cannot change them.</summary>
public static class StudioActions
{
    private static readonly (StudioAction Action, string Stored)[] Names =
    [
        (StudioAction.Seeded, "seeded"),
        (StudioAction.Published, "published"),
        (StudioAction.Retracted, "retracted"),
        (StudioAction.DepartmentAdded, "department-added"),
        (StudioAction.DepartmentRenamed, "department-renamed"),
    ];

    /// <summary>The stored string of <paramref name="action"/>.</summary>
    public static string Stored(StudioAction action) => Names.Single(n => n.Action == action).Stored;

    /// <summary>The action stored as <paramref name="stored"/>.</summary>
    /// <exception cref="FormatException">No action is stored so.</exception>
    public static StudioAction Parse(string stored) =>
        Names.FirstOrDefault(n => n.Stored == stored) is { Stored: not null } found ? found.Action : throw new FormatException($"Unknown studio action '{stored}'.");
}
