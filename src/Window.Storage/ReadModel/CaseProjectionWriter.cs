using System.Data.Common;
using System.Globalization;
using Window.Contracts;
using static Window.Storage.ReadModel.ReadModelColumns;
using static Window.Storage.ReadModel.SqlCommands;

namespace Window.Storage.ReadModel;

/// <summary>Where a case grain's projection goes: the only writer of a case's rows in the read model.</summary>
public interface ICaseProjectionWriter
{
    /// <summary>
    /// Writes a case's projection in one transaction when its version is newer than the stored one; returns
    /// <see langword="false"/> (and changes nothing but missing events) when the stored version is the same or
    /// newer. Events are immutable: those already stored (by case and seq) are kept, new ones added.
    /// </summary>
    Task<bool> ApplyAsync(CaseProjection projection, CancellationToken cancellationToken = default);

    /// <summary>The stored version of a case's projection, or <see langword="null"/> when there is none.</summary>
    Task<long?> VersionOfAsync(string caseId, CancellationToken cancellationToken = default);
}

/// <summary>
/// <see cref="ICaseProjectionWriter"/> for both engines: a compare-and-set of the case row by version, its children where
/// they differ, and new journal entries with their outbox copies, in one transaction (one round trip on PostgreSQL). See
/// README.md beside this file.
/// </summary>
/// <param name="database">Where the read model lives.</param>
/// <param name="commit">How projections commit on PostgreSQL.</param>
public sealed class CaseProjectionWriter(WindowDatabase database, ProjectionCommit commit) : ICaseProjectionWriter
{
    // Compare-and-set: the conflicting row is locked (PostgreSQL) or the database is (SQLite, BEGIN IMMEDIATE) before the
    // WHERE is evaluated, so of two writers of one case the newer version wins in either order; 0 rows means "not newer".
    // items and departments: the copies of CaseScopes, written with the row from the projection that writes its children.
    private const string WrittenCaseColumns = CaseColumns + ", items, departments, acts_due_at";

    private const string StepRowColumns = StepColumns + ", case_number, case_status";

    private const string DispatchColumns = "case_id, seq, kind, detail, item_id, step_id, department, at";

    /// <summary>The journal entries that notify someone: copied into the escalation outbox as they are stored.</summary>
    private static readonly HashSet<string> OutboxKinds = new(StringComparer.Ordinal)
    {
        NotificationKind.LightChanged.Stored, NotificationKind.RectificationOpened.Stored,
    };

    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

    private readonly SqliteWriter? sqliteWriter = SqliteWriter.For(database);

    private readonly RowReader rows = new(SqlDialect.For(database.Provider));

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
            items = excluded.items, departments = excluded.departments,
            acts_due_at = excluded.acts_due_at
        WHERE excluded.version > window_cases.version
        """;

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

        // SQLite: the statements are made before the turn, then written at the file's writer, together with the
        // projections that queued while another write held the file.
        return await sqliteWriter!.RunGroupAsync<SqlitePlan, bool>(PlanOnSqlite(projection), WriteGroupAsync, cancellationToken);
    }

    /// <summary>
    /// A projection's statements on SQLite (in process, no round trips): the compare-and-set of the case row, then its
    /// children (only when the row was written; rows are upserted only where they differ, so an unchanged step costs no
    /// write), then its new events.
    /// </summary>
    private sealed record SqlitePlan(SqlBatch Case, SqlBatch Children, SqlBatch Events);

    private SqlitePlan PlanOnSqlite(CaseProjection projection)
    {
        var row = new SqlBatch();
        row.Statement(UpsertCaseOf(string.Join(", ", CaseValues(projection).Select(row.Parameter))));
        var children = new SqlBatch();
        SyncChildren(children, projection);
        var events = new SqlBatch();
        AddEvents(events, projection);
        return new SqlitePlan(row, children, events);
    }

    /// <summary>
    /// SQLite group commit: the queued projections in one transaction (one fsync), each in its own savepoint when there are
    /// several, so one that fails is undone and failed alone while the others commit. Answers are given after the commit.
    /// </summary>
    private async Task WriteGroupAsync(IReadOnlyList<Queued<SqlitePlan, bool>> group)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var written = new List<(Queued<SqlitePlan, bool> Queued, bool Written)>(group.Count);
        foreach (var queued in group)
        {
            if (group.Count == 1)
            {
                written.Add((queued, await WriteOnSqliteAsync(connection, transaction, queued.Job)));
                continue;
            }

            await transaction.SaveAsync("projection");
            try
            {
                written.Add((queued, await WriteOnSqliteAsync(connection, transaction, queued.Job)));
                await transaction.ReleaseAsync("projection");
            }
            catch (DbException exception)
            {
                await transaction.RollbackAsync("projection");
                await transaction.ReleaseAsync("projection");
                queued.Answer.TrySetException(exception);
            }
        }

        await transaction.CommitAsync();
        foreach (var (queued, answer) in written)
        {
            queued.Answer.TrySetResult(answer);
        }
    }

    private static async Task<bool> WriteOnSqliteAsync(DbConnection connection, DbTransaction transaction, SqlitePlan plan)
    {
        var written = await ExecuteEachAsync(connection, transaction, plan.Case) == 1;
        if (written)
        {
            await ExecuteEachAsync(connection, transaction, plan.Children);
        }

        await ExecuteEachAsync(connection, transaction, plan.Events);
        return written;
    }

    /// <summary>Runs the batch's statements one command each (see <see cref="SqlBatch.Statements"/>); the rows they changed.</summary>
    private static async Task<int> ExecuteEachAsync(DbConnection connection, DbTransaction transaction, SqlBatch batch)
    {
        var changed = 0;
        foreach (var (text, parameters) in batch.Statements())
        {
            await using var command = Command(connection, transaction, text, parameters);
            changed += await command.ExecuteNonQueryAsync();
        }

        return changed;
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
        batch.Insert("window_case_spans", SpanColumns, projection.Spans, SpanValues, "ON CONFLICT (case_id, n) DO NOTHING");
        batch.Insert("window_notification_dispatch", DispatchColumns, [.. projection.Events.Where(e => OutboxKinds.Contains(e.Kind))],
            DispatchValues, "ON CONFLICT (case_id, seq) DO NOTHING");
    }

    /// <inheritdoc />
    public async Task<long?> VersionOfAsync(string caseId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await StoredVersionAsync(connection, null, caseId, cancellationToken);
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

        var cases = await ReadAsync($"SELECT {CaseColumns} FROM window_cases WHERE case_id = @case_id", rows.ReadCase);
        if (cases.Count == 0)
        {
            return null;
        }

        var projection = new CaseProjection(
            cases[0],
            await ReadAsync($"SELECT {ItemColumns} FROM window_case_items WHERE case_id = @case_id ORDER BY item_id", rows.ReadItem),
            await ReadAsync($"SELECT {StepColumns} FROM window_steps WHERE case_id = @case_id ORDER BY item_id, step_id", rows.ReadStep),
            await ReadAsync($"SELECT {MaterialColumns} FROM window_case_materials WHERE case_id = @case_id ORDER BY material_id", rows.ReadMaterial),
            await ReadAsync($"SELECT {EventColumns} FROM window_case_events WHERE case_id = @case_id ORDER BY seq", rows.ReadEvent));
        await transaction.CommitAsync(cancellationToken);
        return projection;
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
            Instant(row.ActsDueAt),
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

    private SqlValue[] SpanValues(SpanRow span) =>
    [
        Text(span.CaseId), Int(span.Number), Text(span.SpanId), Text(span.Name), Instant(span.StartedAt), Long(span.Duration.Ticks), Int(span.FirstSeq),
        Text(span.Department), Text(span.StepId),
    ];

    private SqlValue Instant(DateTimeOffset? value) => rows.Instant(value);

    private SqlValue Day(DateOnly? value) => rows.Day(value);
}
