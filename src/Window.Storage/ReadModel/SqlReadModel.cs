using System.Data;
using System.Data.Common;
using System.Globalization;
using static Window.Storage.ReadModel.SqlCommands;
using Window.Contracts;
using static Window.Storage.ReadModel.SqlVocabulary;

namespace Window.Storage.ReadModel;

/// <summary>
/// <see cref="IReadModel"/> on Window's database (SQLite or PostgreSQL), with plain ADO.NET. The tables are created by
/// the <c>read_model</c> migration; see README.md beside this file for the tables and what each index serves.
/// </summary>
/// <param name="database">Where the read model lives.</param>
/// <param name="timeProvider">The clock (it only stamps talent registrations).</param>
/// <param name="commit">How projections commit on PostgreSQL.</param>
public sealed class SqlReadModel(WindowDatabase database, TimeProvider timeProvider, ProjectionCommit commit) : IReadModel
{
    /// <summary>The largest queue page one call returns.</summary>
    private const int MaxQueueLimit = 1000;

    private const int MaxPageSize = 200;

    /// <summary>
    /// A search counts its matches up to this many: past it the total is served as a lower bound ("10,000+"), since an
    /// exact count of a large share of a million cases costs many times the page itself.
    /// </summary>
    public const int MaxCounted = 10_000;

    private const string CaseColumns =
        "case_id, number, talent_id, bundle_id, status, officer, opened_at, promised_by, warn_at, due_at, light, " +
        "completed_at, delivered_at, trips, evaluation, version, promised_provisional, dates_provisional";

    private const string ItemColumns = "case_id, item_id, item_version, status, decided_at";

    private const string StepColumns =
        "case_id, item_id, step_id, department, status, ready_at, warn_at, due_at, light, claimed_by, completed_at, outcome, due_provisional";

    private const string MaterialColumns = "case_id, material_id, status, due";

    private const string EventColumns = "case_id, seq, at, actor, role, department, kind, item_id, step_id, detail, trace_id, span_id";

    // Compare-and-set: the conflicting row is locked (PostgreSQL) or the database is (SQLite, BEGIN IMMEDIATE) before the
    // WHERE is evaluated, so of two writers of one case the newer version wins in either order; 0 rows means "not newer".
    // items and departments: the copies of CaseScopes, written with the row from the projection that writes its children.
    private const string WrittenCaseColumns = CaseColumns + ", items, departments";

    private static readonly string[] WrittenCaseColumnNames = WrittenCaseColumns.Split(',', StringSplitOptions.TrimEntries);

    private static readonly string UpsertCase = UpsertCaseOf(string.Join(", ", WrittenCaseColumnNames.Select(c => "@" + c)));

    private const string StepRowColumns = StepColumns + ", case_number, case_status";

    /// <summary>The largest batch the SLA watcher reads at once.</summary>
    private const int MaxAttentionLimit = 5000;

    private const string DispatchColumns = "case_id, seq, kind, detail, item_id, step_id, department, at";

    // Each branch repeats the WHERE of one partial index of the sla migration verbatim (SQLite needs that to use it).
    private static readonly string AttentionSql = $"""
        SELECT case_id, MIN(since) AS since FROM (
            SELECT case_id, warn_at AS since FROM window_steps
                WHERE light = {Sql(LightKind.Green)} AND case_status <> {Sql(CaseStatusKind.Withdrawn)} AND warn_at <= @now
            UNION ALL
            SELECT case_id, due_at FROM window_steps
                WHERE (light IN {In(LightKind.Green, LightKind.Yellow)} OR status = {Sql(StepStatusKind.Waiting)}) AND case_status <> {Sql(CaseStatusKind.Withdrawn)} AND due_at <= @now
            UNION ALL
            SELECT case_id, warn_at FROM window_cases WHERE light = {Sql(LightKind.Green)} AND status = {Sql(CaseStatusKind.Open)} AND warn_at <= @now
            UNION ALL
            SELECT case_id, due_at FROM window_cases WHERE light IN {In(LightKind.Green, LightKind.Yellow)} AND status = {Sql(CaseStatusKind.Open)} AND due_at <= @now
        ) AS passed
        GROUP BY case_id ORDER BY MIN(since), case_id LIMIT @limit
        """;

    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

    private readonly string upsertItems = SqlBatch.UpsertClause("window_case_items", ItemColumns, 2, SqlDialect.For(database.Provider).Differs);

    private readonly string upsertSteps = SqlBatch.UpsertClause("window_steps", StepRowColumns, 3, SqlDialect.For(database.Provider).Differs);

    private readonly string upsertMaterials = SqlBatch.UpsertClause("window_case_materials", MaterialColumns, 2, SqlDialect.For(database.Provider).Differs);

    private static string UpsertCaseOf(string values) => $"""
        INSERT INTO window_cases ({WrittenCaseColumns}) VALUES ({values})
        ON CONFLICT (case_id) DO UPDATE SET
            number = excluded.number, talent_id = excluded.talent_id, bundle_id = excluded.bundle_id,
            status = excluded.status, officer = excluded.officer, opened_at = excluded.opened_at,
            promised_by = excluded.promised_by, warn_at = excluded.warn_at, due_at = excluded.due_at,
            light = excluded.light, completed_at = excluded.completed_at, delivered_at = excluded.delivered_at,
            trips = excluded.trips, evaluation = excluded.evaluation, version = excluded.version,
            promised_provisional = excluded.promised_provisional, dates_provisional = excluded.dates_provisional,
            items = excluded.items, departments = excluded.departments
        WHERE excluded.version > window_cases.version
        """;

    /// <summary>A read model on the system clock (the clock only stamps talent registrations), committing durably.</summary>
    public SqlReadModel(WindowDatabase database)
        : this(database, TimeProvider.System)
    {
    }

    /// <summary>A read model whose projections commit durably.</summary>
    public SqlReadModel(WindowDatabase database, TimeProvider timeProvider)
        : this(database, timeProvider, ProjectionCommit.Durable)
    {
    }

    /// <inheritdoc />
    public async Task<bool> ApplyAsync(CaseProjection projection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(projection);
        var caseId = projection.Case.CaseId;
        if (projection.Items.Any(row => row.CaseId != caseId) || projection.Steps.Any(row => row.CaseId != caseId)
            || projection.Materials.Any(row => row.CaseId != caseId) || projection.Events.Any(row => row.CaseId != caseId))
        {
            throw new ArgumentException($"The projection of case {caseId} holds rows of another case.", nameof(projection));
        }

        if (database.Provider == DatabaseProvider.PostgreSql)
        {
            return await ApplyInOneTripAsync(projection, cancellationToken);
        }

        // SQLite (in process, no round trips): the compare-and-set of the case row, then one batch with everything else.
        // Child rows are upserted only where they differ, so an unchanged step costs no write.
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var written = await WriteCaseAsync(connection, transaction, projection, cancellationToken) == 1;
        var batch = new SqlBatch();
        if (written)
        {
            SyncChildren(batch, projection);
        }

        AddEvents(batch, projection);
        if (!batch.IsEmpty)
        {
            await using var command = Command(connection, transaction, batch.Text, batch.Parameters);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    /// <summary>
    /// PostgreSQL: the whole projection in one round trip. The statements of one batch run in one implicit transaction
    /// that an error rolls back entirely, so the compare-and-set of the case row divides by the number of rows it wrote:
    /// when the stored version is the same or newer, division by zero undoes the batch, and only the events are sent again.
    /// With deferred commits, a partial journal first checks, the same way, that the projection it continues is stored; when
    /// the stored version is older, the batch is undone and <see cref="ProjectionGapException"/> asks for the whole journal.
    /// </summary>
    private async Task<bool> ApplyInOneTripAsync(CaseProjection projection, CancellationToken cancellationToken)
    {
        var batch = new SqlBatch();
        var continues = Deferred ? projection.Continues : null;
        if (Deferred)
        {
            batch.Statement("SELECT set_config('synchronous_commit', 'off', true)");
        }

        if (continues is not null)
        {
            batch.Statement($"SELECT 1 / COUNT(*) FROM window_cases WHERE case_id = {batch.Parameter(Text(projection.Case.CaseId))} AND version >= {batch.Parameter(Long(continues))}");
        }

        var values = string.Join(", ", CaseValues(projection).Select(batch.Parameter));
        batch.Statement($"WITH written AS ({UpsertCaseOf(values)} RETURNING 1) SELECT 1 / COUNT(*) FROM written");
        SyncChildren(batch, projection);
        AddEvents(batch, projection);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = Command(connection, null, batch.Text, batch.Parameters);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }
        catch (Npgsql.PostgresException exception) when (exception.SqlState == Npgsql.PostgresErrorCodes.DivisionByZero)
        {
            if (continues is not null
                && await StoredVersionAsync(connection, null, projection.Case.CaseId, cancellationToken) is var stored
                && (stored is null || stored < continues))
            {
                throw new ProjectionGapException(projection.Case.CaseId, stored, continues.Value);
            }

            // Only the events, committed durably: this path is rare (a race or a repair).
            var events = new SqlBatch();
            AddEvents(events, projection);
            if (!events.IsEmpty)
            {
                await using var command = Command(connection, null, events.Text, events.Parameters);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return false;
        }
    }

    /// <summary>
    /// <see cref="ProjectionCommit.Deferred"/> (PostgreSQL): a projection's transaction alone commits without waiting for its
    /// WAL flush (a local setting ends with the batch's implicit transaction, so the pooled connection stays durable), and
    /// only then can an acknowledged projection be lost, so only then is <see cref="CaseProjection.Continues"/> checked.
    /// </summary>
    private bool Deferred => commit == ProjectionCommit.Deferred && database.Provider == DatabaseProvider.PostgreSql;

    private static async Task<long?> StoredVersionAsync(DbConnection connection, DbTransaction? transaction, string caseId, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT version FROM window_cases WHERE case_id = @case_id", [("case_id", Text(caseId))]);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : Convert.ToInt64(value, CultureInfo.InvariantCulture);
    }

    /// <summary>New journal entries, and those that notify someone into the escalation outbox: queued exactly when stored.</summary>
    private void AddEvents(SqlBatch batch, CaseProjection projection)
    {
        batch.Insert("window_case_events", EventColumns, projection.Events, EventValues, "ON CONFLICT (case_id, seq) DO NOTHING");
        batch.Insert("window_notification_dispatch", DispatchColumns, [.. projection.Events.Where(e => e.Kind is "light-changed" or "rectification-opened")],
            DispatchValues, "ON CONFLICT (case_id, seq) DO NOTHING");
    }

    /// <inheritdoc />
    public async Task<long?> VersionOfAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await StoredVersionAsync(connection, null, caseId, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<QueueEntry>> DepartmentQueueAsync(
        string department, int limit = 200, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, dialect.QueueSql,
            [("department", Text(department)), ("limit", Int(Math.Clamp(limit, 1, MaxQueueLimit)))]);
        return await ReadAllAsync(command, ReadQueueEntry, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<PageOf<CaseRow>> SearchCasesAsync(CaseFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var page = Math.Max(1, filter.Page);
        var pageSize = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var conditions = new List<string>();
        var parameters = new List<(string, SqlValue)>();
        void Where(string condition, string name, string? value)
        {
            if (value is not null)
            {
                conditions.Add(condition);
                parameters.Add((name, Text(value)));
            }
        }

        Where("c.status = @status", "status", filter.Status);
        Where("c.officer = @officer", "officer", filter.Officer);
        Where("c.light = @light", "light", filter.Light);
        Where("EXISTS (SELECT 1 FROM window_case_items i WHERE i.case_id = c.case_id AND i.item_id = @item)", "item", filter.Item);
        Where("EXISTS (SELECT 1 FROM window_steps s WHERE s.case_id = c.case_id AND s.department = @department)",
            "department", filter.Department);
        var where = conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions);

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = dialect.BeginSnapshot(connection);
        await using var count = Command(connection, transaction,
            $"SELECT COUNT(*) FROM (SELECT 1 FROM window_cases c {where} LIMIT {MaxCounted + 1}) AS counted", parameters);
        var counted = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        var capped = counted > MaxCounted;
        var total = Math.Min(counted, MaxCounted);
        IReadOnlyList<CaseRow> rows = [];
        var offset = (long)(page - 1) * pageSize;
        if (capped || offset < total)
        {
            await using var select = Command(connection, transaction,
                $"SELECT {Prefixed("c", CaseColumns)} FROM window_cases c {where} " +
                "ORDER BY c.opened_at DESC, c.case_id LIMIT @limit OFFSET @offset",
                [.. parameters, ("limit", Int(pageSize)), ("offset", Long(offset))]);
            rows = await ReadAllAsync(select, ReadCase, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new PageOf<CaseRow>(rows, page, pageSize, total, capped);
    }

    /// <inheritdoc />
    public async Task<string?> CaseIdByNumberAsync(string number, CancellationToken cancellationToken = default) =>
        await ScalarAsync("SELECT case_id FROM window_cases WHERE number = @number", [("number", Text(number))], cancellationToken)
            as string;

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, int>> OpenCasesPerOfficerAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null,
            $"SELECT officer, COUNT(*) FROM window_cases WHERE status IN {In(CaseStatusKind.Open, CaseStatusKind.Completed)} GROUP BY officer", []);
        var counts = await ReadAllAsync(command, reader => (Officer: reader.GetString(0), Count: Convert.ToInt32(reader.GetValue(1),
            CultureInfo.InvariantCulture)), cancellationToken);
        return counts.ToDictionary(count => count.Officer, count => count.Count, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<CaseAttention>> CasesNeedingAttentionAsync(
        DateTimeOffset now, int limit = 500, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, AttentionSql,
            [("now", Instant(now)), ("limit", Int(Math.Clamp(limit, 1, MaxAttentionLimit)))]);
        return await ReadAllAsync(command, reader => new CaseAttention(reader.GetString(0), dialect.ReadInstant(reader, 1)), cancellationToken);
    }

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

    /// <summary>Everything stored about one case (children in key order), or <see langword="null"/>.</summary>
    internal async Task<CaseProjection?> ReadProjectionAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var transaction = dialect.BeginSnapshot(connection);
        (string, SqlValue)[] key = [("case_id", Text(caseId))];
        async Task<IReadOnlyList<T>> ReadAsync<T>(string sql, Func<DbDataReader, T> read)
        {
            await using var command = Command(connection, transaction, sql, key);
            return await ReadAllAsync(command, read, cancellationToken);
        }

        var cases = await ReadAsync($"SELECT {CaseColumns} FROM window_cases WHERE case_id = @case_id", ReadCase);
        if (cases.Count == 0)
        {
            return null;
        }

        var projection = new CaseProjection(
            cases[0],
            await ReadAsync($"SELECT {ItemColumns} FROM window_case_items WHERE case_id = @case_id ORDER BY item_id", ReadItem),
            await ReadAsync($"SELECT {StepColumns} FROM window_steps WHERE case_id = @case_id ORDER BY item_id, step_id", ReadStep),
            await ReadAsync($"SELECT {MaterialColumns} FROM window_case_materials WHERE case_id = @case_id ORDER BY material_id", ReadMaterial),
            await ReadAsync($"SELECT {EventColumns} FROM window_case_events WHERE case_id = @case_id ORDER BY seq", ReadEvent));
        await transaction.CommitAsync(cancellationToken);
        return projection;
    }

    private async Task<int> WriteCaseAsync(DbConnection connection, DbTransaction transaction, CaseProjection projection, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, UpsertCase,
            WrittenCaseColumnNames.Zip(CaseValues(projection)));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The case row's values in <see cref="WrittenCaseColumns"/> order.</summary>
    private SqlValue[] CaseValues(CaseProjection projection)
    {
        var row = projection.Case;
        return
        [
            Text(row.CaseId), Text(row.Number), Text(row.TalentId), Text(row.BundleId), Text(row.Status), Text(row.Officer),
            Instant(row.OpenedAt), Day(row.PromisedBy), Instant(row.WarnAt), Instant(row.DueAt), Text(row.Light),
            Instant(row.CompletedAt), Instant(row.DeliveredAt), Int(row.Trips), Int(row.Evaluation), Long(row.Version),
            Flag(row.PromisedProvisional), Flag(row.DatesProvisional),
            Text(CaseScopes.Items(projection)), Text(CaseScopes.Departments(projection)),
        ];
    }

    /// <summary>
    /// Makes the stored items, steps and materials of the case those of <paramref name="projection"/>: rows that differ
    /// are upserted (an unchanged row is left alone, no new row version, no index write), rows no longer projected deleted.
    /// </summary>
    private void SyncChildren(SqlBatch batch, CaseProjection projection)
    {
        var row = projection.Case;
        batch.Insert("window_case_items", ItemColumns, projection.Items, ItemValues, upsertItems);
        batch.Insert("window_steps", StepRowColumns, projection.Steps, step => [.. StepValues(step), Text(row.Number), Text(row.Status)], upsertSteps);
        batch.Insert("window_case_materials", MaterialColumns, projection.Materials, MaterialValues, upsertMaterials);
        var caseId = Text(row.CaseId);
        batch.DeleteOthers("window_case_items", caseId, "item_id", projection.Items.Select(i => i.ItemId));
        batch.DeleteOthers("window_steps", caseId, "item_id || '.' || step_id", projection.Steps.Select(s => $"{s.ItemId}.{s.StepId}"));
        batch.DeleteOthers("window_case_materials", caseId, "material_id", projection.Materials.Select(m => m.MaterialId));
    }

    private SqlValue[] ItemValues(CaseItemRow item) =>
        [Text(item.CaseId), Text(item.ItemId), Int(item.ItemVersion), Text(item.Status), Instant(item.DecidedAt)];

    private SqlValue[] StepValues(StepRow step) =>
    [
        Text(step.CaseId), Text(step.ItemId), Text(step.StepId), Text(step.Department), Text(step.Status), Instant(step.ReadyAt),
        Instant(step.WarnAt), Instant(step.DueAt), Text(step.Light), Text(step.ClaimedBy), Instant(step.CompletedAt), Text(step.Outcome),
        Flag(step.DueProvisional),
    ];

    private SqlValue[] MaterialValues(MaterialRow material) =>
        [Text(material.CaseId), Text(material.MaterialId), Text(material.Status), Day(material.Due)];

    private SqlValue[] DispatchValues(EventRow entry) =>
    [
        Text(entry.CaseId), Int(entry.Seq), Text(entry.Kind), Text(entry.Detail), Text(entry.ItemId), Text(entry.StepId),
        Text(entry.Department), Instant(entry.At),
    ];

    private SqlValue[] EventValues(EventRow entry) =>
    [
        Text(entry.CaseId), Int(entry.Seq), Instant(entry.At), Text(entry.Actor), Text(entry.Role), Text(entry.Department),
        Text(entry.Kind), Text(entry.ItemId), Text(entry.StepId), Text(entry.Detail), Text(entry.TraceId), Text(entry.SpanId),
    ];

    private async Task<object?> ScalarAsync(string sql, IEnumerable<(string Name, SqlValue SqlValue)> parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is DBNull ? null : value;
    }

    private static string Prefixed(string alias, string columns) =>
        string.Join(", ", columns.Split(", ").Select(column => $"{alias}.{column}"));

    private CaseRow ReadCase(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        NullableText(reader, 3),
        reader.GetString(4),
        reader.GetString(5),
        dialect.ReadInstant(reader, 6),
        dialect.ReadDay(reader, 7),
        NullableInstant(reader, 8),
        NullableInstant(reader, 9),
        reader.GetString(10),
        NullableInstant(reader, 11),
        NullableInstant(reader, 12),
        reader.GetInt32(13),
        reader.IsDBNull(14) ? null : reader.GetInt32(14),
        reader.GetInt64(15),
        reader.GetInt32(16) != 0,
        reader.GetInt32(17) != 0);

    private CaseItemRow ReadItem(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3), NullableInstant(reader, 4));

    private StepRow ReadStep(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        NullableInstant(reader, 5),
        NullableInstant(reader, 6),
        NullableInstant(reader, 7),
        reader.GetString(8),
        NullableText(reader, 9),
        NullableInstant(reader, 10),
        NullableText(reader, 11),
        reader.GetInt32(12) != 0);

    private MaterialRow ReadMaterial(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : dialect.ReadDay(reader, 3));

    private EventRow ReadEvent(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt32(1),
        dialect.ReadInstant(reader, 2),
        reader.GetString(3),
        NullableText(reader, 4),
        NullableText(reader, 5),
        reader.GetString(6),
        NullableText(reader, 7),
        NullableText(reader, 8),
        NullableText(reader, 9),
        NullableText(reader, 10),
        NullableText(reader, 11));

    private QueueEntry ReadQueueEntry(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetString(5),
        NullableInstant(reader, 6),
        NullableInstant(reader, 7),
        NullableInstant(reader, 8),
        reader.GetString(9),
        NullableText(reader, 10));

    private DateTimeOffset? NullableInstant(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : dialect.ReadInstant(reader, ordinal);

    private SqlValue Instant(DateTimeOffset? value) => new(value is { } instant ? dialect.Instant(instant) : null, dialect.InstantType);

    private SqlValue Day(DateOnly? value) => new(value is { } day ? dialect.Day(day) : null, dialect.DayType);
}
