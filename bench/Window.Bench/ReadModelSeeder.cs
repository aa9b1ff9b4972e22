using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using Window.Workflows.Catalog;
using Window.Storage.ReadModel;
using Window.Workflows.Definitions;

namespace Window.Bench;

/// <summary>
/// Fills the read model of a migrated PostgreSQL database with <c>count</c> cases in bulk (binary COPY into
/// window_cases with its copies of the case's items and departments, window_case_items, window_steps and the red light
/// changes of window_case_events), with the distributions of a centre that has run for two years: most cases
/// delivered, the recent ones open, lights mostly green, steps of the catalogue's items in their departments. Secondary indexes are dropped for the load
/// and re-created from their own definitions, then the tables are analysed. The read model's triggers stay on: the COPY
/// appends lit-step deltas and stale-day marks exactly as the projection's writes do.
/// </summary>
internal static class ReadModelSeeder
{
    private static readonly string[] Tables = ["window_cases", "window_case_items", "window_steps", "window_case_events", "window_case_search_terms"];

    /// <summary>Talents' names are drawn from this many, the first ones far more often (the most common ~0.2 % of cases, as 王伟 is).</summary>
    private const int DistinctNames = 300_000;

    /// <summary>Cases' search terms as the host writes them, with stand-ins for the keyed hashes (the read model compares them as text).</summary>
    public static string NameTerm(int name) => SearchTerm.Keyed($"name-{name}");

    public static string IdTerm(string talentId) => SearchTerm.Keyed($"id-{talentId}");

    public static string PhoneTerm(string talentId) => SearchTerm.Keyed($"phone-{talentId}");

    /// <summary>A name index with the seeding's skew.</summary>
    public static int NameOf(Random random) => (int)(Math.Pow(random.NextDouble(), 2) * DistinctNames);

    /// <summary>
    /// A sample of an earlier run's seeded cases (about 200, the same every time): case numbers and talent ids, as
    /// <see cref="SeedAsync"/> returns them, for <c>--reuse-postgres</c>.
    /// </summary>
    public static async Task<(IReadOnlyList<string> Numbers, IReadOnlyList<string> Talents)> SampleAsync(string connectionString, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var percent = Math.Min(100.0, 100.0 * 400 / Math.Max(1, count));
        await using var read = new NpgsqlCommand(
            $"SELECT number, talent_id FROM window_cases TABLESAMPLE BERNOULLI ({percent.ToString(CultureInfo.InvariantCulture)}) REPEATABLE (7) LIMIT 200", connection);
        var numbers = new List<string>();
        var talents = new List<string>();
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            numbers.Add(reader.GetString(0));
            talents.Add(reader.GetString(1));
        }

        return (numbers, talents);
    }

    /// <summary>
    /// Seeds the read model and returns a sample of what was seeded (one case in every count/200): case numbers and
    /// talent ids, for the searches to look up cases that exist.
    /// </summary>
    public static async Task<(IReadOnlyList<string> Numbers, IReadOnlyList<string> Talents)> SeedAsync(string connectionString, WorkflowCatalog catalog, int count, DateTimeOffset now)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var indexes = new List<(string Name, string Definition)>();
        await using (var read = new NpgsqlCommand(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = ANY(@tables) AND indexname NOT LIKE '%\\_pk'", connection))
        {
            read.Parameters.AddWithValue("tables", Tables);
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            await ExecuteAsync(connection, $"DROP INDEX {name}");
        }

        var items = catalog.Items.GroupBy(i => i.Id).Select(g => g.MaxBy(i => i.Version)!).Where(i => i.Steps.Any(s => s.Department is not null)).ToList();
        var settleIn = catalog.LatestBundle("settle-in")?.Items.Select(id => catalog.LatestItem(id)!).ToList() ?? [items[0]];
        var random = new Random(20261124);
        var sampleNumbers = new List<string>();
        var sampleTalents = new List<string>();
        await using (var cases = await connection.BeginBinaryImportAsync(
            "COPY window_cases (case_id, number, talent_id, bundle_id, status, officer, opened_at, promised_by, warn_at, due_at, light, completed_at, delivered_at, trips, evaluation, version, items, departments) FROM STDIN (FORMAT BINARY)"))
        await using (var caseItems = await OpenSecondAsync(connectionString,
            "COPY window_case_items (case_id, item_id, item_version, status, decided_at) FROM STDIN (FORMAT BINARY)"))
        await using (var steps = await OpenSecondAsync(connectionString,
            "COPY window_steps (case_id, item_id, step_id, department, status, ready_at, warn_at, due_at, light, claimed_by, completed_at, outcome, case_number, case_status) FROM STDIN (FORMAT BINARY)"))
        await using (var events = await OpenSecondAsync(connectionString,
            "COPY window_case_events (case_id, seq, at, actor, role, department, kind, item_id, step_id, detail) FROM STDIN (FORMAT BINARY)"))
        await using (var terms = await OpenSecondAsync(connectionString, "COPY window_case_search_terms (term, case_id, opened_at) FROM STDIN (FORMAT BINARY)"))
        {
            // Names from a random of their own: the cases, items and steps stay those of the runs before search existed.
            var names = new Random(18);
            for (var index = 0; index < count; index++)
            {
                var generated = Generate(random, index, items, settleIn, now);
                await WriteCaseAsync(cases, generated);
                foreach (var term in new[] { NameTerm(NameOf(names)), IdTerm(generated.TalentId), PhoneTerm(generated.TalentId), SearchTerm.NumberTail(generated.Number) })
                {
                    await terms.Importer.StartRowAsync();
                    await terms.Importer.WriteAsync(term, NpgsqlDbType.Text);
                    await terms.Importer.WriteAsync(generated.CaseId, NpgsqlDbType.Text);
                    await WriteInstantAsync(terms.Importer, generated.OpenedAt);
                }

                if (index % Math.Max(1, count / 200) == 0)
                {
                    sampleNumbers.Add(generated.Number);
                    sampleTalents.Add(generated.TalentId);
                }

                foreach (var item in generated.Items)
                {
                    await caseItems.Importer.StartRowAsync();
                    await caseItems.Importer.WriteAsync(generated.CaseId, NpgsqlDbType.Text);
                    await caseItems.Importer.WriteAsync(item.Definition.Id, NpgsqlDbType.Text);
                    await caseItems.Importer.WriteAsync(item.Definition.Version, NpgsqlDbType.Integer);
                    await caseItems.Importer.WriteAsync(item.Status, NpgsqlDbType.Text);
                    await WriteInstantAsync(caseItems.Importer, generated.CompletedAt);
                }

                foreach (var step in generated.Steps)
                {
                    var importer = steps.Importer;
                    await importer.StartRowAsync();
                    await importer.WriteAsync(generated.CaseId, NpgsqlDbType.Text);
                    await importer.WriteAsync(step.ItemId, NpgsqlDbType.Text);
                    await importer.WriteAsync(step.StepId, NpgsqlDbType.Text);
                    await importer.WriteAsync(step.Department, NpgsqlDbType.Text);
                    await importer.WriteAsync(step.Status, NpgsqlDbType.Text);
                    await WriteInstantAsync(importer, step.ReadyAt);
                    await WriteInstantAsync(importer, step.WarnAt);
                    await WriteInstantAsync(importer, step.DueAt);
                    await importer.WriteAsync(step.Light, NpgsqlDbType.Text);
                    await WriteTextAsync(importer, step.Status == "claimed" ? step.Department : null);
                    await WriteInstantAsync(importer, step.CompletedAt);
                    await WriteTextAsync(importer, step.CompletedAt is null ? null : "approve");
                    await importer.WriteAsync(generated.Number, NpgsqlDbType.Text);
                    await importer.WriteAsync(generated.Status, NpgsqlDbType.Text);
                }

                if (generated.RedAt is { } redAt)
                {
                    var step = generated.Steps[random.Next(generated.Steps.Count)];
                    var seq = 1;
                    foreach (var (stepId, department, itemId) in new[] { ((string?)null, (string?)null, (string?)null), (step.StepId, step.Department, step.ItemId) })
                    {
                        var importer = events.Importer;
                        await importer.StartRowAsync();
                        await importer.WriteAsync(generated.CaseId, NpgsqlDbType.Text);
                        await importer.WriteAsync(seq++, NpgsqlDbType.Integer);
                        await WriteInstantAsync(importer, redAt);
                        await importer.WriteAsync("system", NpgsqlDbType.Text);
                        await importer.WriteAsync("system", NpgsqlDbType.Text);
                        await WriteTextAsync(importer, department);
                        await importer.WriteAsync("light-changed", NpgsqlDbType.Text);
                        await WriteTextAsync(importer, itemId);
                        await WriteTextAsync(importer, stepId);
                        await importer.WriteAsync("red", NpgsqlDbType.Text);
                    }
                }
            }

            await cases.CompleteAsync();
            await caseItems.Importer.CompleteAsync();
            await steps.Importer.CompleteAsync();
            await events.Importer.CompleteAsync();
            await terms.Importer.CompleteAsync();
        }

        foreach (var (_, definition) in indexes)
        {
            await ExecuteAsync(connection, definition);
        }

        foreach (var table in Tables)
        {
            await ExecuteAsync(connection, $"VACUUM ANALYZE {table}");
        }

        return (sampleNumbers, sampleTalents);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<SecondImport> OpenSecondAsync(string connectionString, string copy)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        return new SecondImport(connection, await connection.BeginBinaryImportAsync(copy));
    }

    private static async Task WriteCaseAsync(NpgsqlBinaryImporter importer, GeneratedCase c)
    {
        await importer.StartRowAsync();
        await importer.WriteAsync(c.CaseId, NpgsqlDbType.Text);
        await importer.WriteAsync(c.Number, NpgsqlDbType.Text);
        await importer.WriteAsync(c.TalentId, NpgsqlDbType.Text);
        await WriteTextAsync(importer, c.BundleId);
        await importer.WriteAsync(c.Status, NpgsqlDbType.Text);
        await importer.WriteAsync(c.Officer, NpgsqlDbType.Text);
        await WriteInstantAsync(importer, c.OpenedAt);
        await importer.WriteAsync(c.PromisedBy, NpgsqlDbType.Date);
        await WriteInstantAsync(importer, c.Light == "none" ? null : c.DueAt.AddDays(-2));
        await WriteInstantAsync(importer, c.Light == "none" ? null : c.DueAt);
        await importer.WriteAsync(c.Light, NpgsqlDbType.Text);
        await WriteInstantAsync(importer, c.CompletedAt);
        await WriteInstantAsync(importer, c.DeliveredAt);
        await importer.WriteAsync(c.Trips, NpgsqlDbType.Integer);
        if (c.Evaluation is { } level)
        {
            await importer.WriteAsync(level, NpgsqlDbType.Integer);
        }
        else
        {
            await importer.WriteNullAsync();
        }

        await importer.WriteAsync((long)(c.Steps.Count + 2), NpgsqlDbType.Bigint);
        await importer.WriteAsync(Scopes(c.Items.Select(i => i.Definition.Id)), NpgsqlDbType.Text);
        await importer.WriteAsync(Scopes(c.Steps.Select(s => s.Department)), NpgsqlDbType.Text);
    }

    /// <summary>window_cases.items / departments as the read model writes them: distinct, ordinal order, comma-separated.</summary>
    private static string Scopes(IEnumerable<string> ids) => string.Join(',', ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    private static async Task WriteInstantAsync(NpgsqlBinaryImporter importer, DateTimeOffset? value)
    {
        if (value is { } instant)
        {
            await importer.WriteAsync(instant.UtcDateTime, NpgsqlDbType.TimestampTz);
        }
        else
        {
            await importer.WriteNullAsync();
        }
    }

    private static async Task WriteTextAsync(NpgsqlBinaryImporter importer, string? value)
    {
        if (value is null)
        {
            await importer.WriteNullAsync();
        }
        else
        {
            await importer.WriteAsync(value, NpgsqlDbType.Text);
        }
    }

    private static GeneratedCase Generate(Random random, int index, List<WorkflowDefinition> items, List<WorkflowDefinition> settleIn, DateTimeOffset now)
    {
        var shape = random.NextDouble();
        var chosen = shape < 0.15 ? settleIn
            : shape < 0.30 ? items.OrderBy(_ => random.Next()).Take(2).ToList()
            : [items[random.Next(items.Count)]];
        var ageDays = random.NextDouble() * 730;
        var opened = now.AddDays(-ageDays);
        var roll = random.NextDouble();
        var status = ageDays < 30 ? (roll < 0.70 ? "open" : roll < 0.80 ? "completed" : roll < 0.97 ? "delivered" : "withdrawn")
            : ageDays < 90 ? (roll < 0.10 ? "open" : roll < 0.15 ? "completed" : roll < 0.95 ? "delivered" : "withdrawn")
            : (roll < 0.005 ? "open" : roll < 0.015 ? "completed" : roll < 0.955 ? "delivered" : "withdrawn");
        var promisedDays = chosen.Max(i => i.PromisedDays);
        var dueAt = opened.AddDays(promisedDays * 1.4);
        var light = "none";
        if (status == "open")
        {
            var lightRoll = random.NextDouble();
            light = lightRoll < 0.80 ? "green" : lightRoll < 0.92 ? "yellow" : "red";
        }

        DateTimeOffset? completedAt = status is "completed" or "delivered"
            ? Min(opened.AddDays(1 + random.NextDouble() * Math.Min(ageDays - 0.05, promisedDays * 1.8)), now.AddHours(-1))
            : null;
        DateTimeOffset? deliveredAt = status == "delivered" ? Min(completedAt!.Value.AddDays(random.NextDouble() * 3), now.AddMinutes(-30)) : null;
        var steps = new List<GeneratedStep>();
        var caseItems = new List<(WorkflowDefinition Definition, string Status)>();
        foreach (var item in chosen)
        {
            var reviewSteps = item.Steps.Where(s => s.Department is not null).ToList();
            var current = status == "open" ? random.Next(reviewSteps.Count) : reviewSteps.Count;
            caseItems.Add((item, status == "open" ? "open" : status == "withdrawn" ? "open" : random.NextDouble() < 0.92 ? "approved" : "rejected"));
            var readyAt = opened;
            for (var s = 0; s < reviewSteps.Count; s++)
            {
                var step = reviewSteps[s];
                var stepDue = readyAt.AddDays((step.LimitDays ?? 3) * 1.4);
                if (status == "withdrawn")
                {
                    steps.Add(new GeneratedStep(item.Id, step.Id, step.Department!, s == 0 ? "cancelled" : "pending", s == 0 ? readyAt : null, null, null, "none", null));
                }
                else if (s < current)
                {
                    var done = Min(readyAt.AddDays(random.NextDouble() * (step.LimitDays ?? 3)), completedAt ?? now.AddMinutes(-5));
                    steps.Add(new GeneratedStep(item.Id, step.Id, step.Department!, "done", readyAt, null, null, "none", done));
                    readyAt = done;
                }
                else if (s == current)
                {
                    var stepLight = light == "red" && random.NextDouble() < 0.5 ? "red" : random.NextDouble() < 0.85 ? "green" : "yellow";
                    steps.Add(new GeneratedStep(item.Id, step.Id, step.Department!, random.NextDouble() < 0.7 ? "ready" : "claimed", readyAt,
                        stepDue.AddDays(-1), stepDue, stepLight, null));
                }
                else
                {
                    steps.Add(new GeneratedStep(item.Id, step.Id, step.Department!, "pending", null, null, null, "none", null));
                }
            }
        }

        DateTimeOffset? redAt = random.NextDouble() < 0.06 ? Min(dueAt, now.AddMinutes(-10)) : null;
        var year = opened.ToOffset(TimeSpan.FromHours(8)).Year;
        return new GeneratedCase(
            $"seed-{index:D7}",
            string.Create(CultureInfo.InvariantCulture, $"RC-{year}-S{index:D7}"),
            $"t-seed-{random.Next(800_000)}",
            chosen == settleIn ? "settle-in" : null,
            status,
            index % 40 == 0 ? "officer" : string.Create(CultureInfo.InvariantCulture, $"officer-{index % 40:D2}"),
            opened,
            DateOnly.FromDateTime(dueAt.ToOffset(TimeSpan.FromHours(8)).DateTime),
            dueAt,
            light,
            completedAt,
            deliveredAt,
            status == "delivered" && random.NextDouble() < 0.2 ? 2 : 1,
            status == "delivered" && random.NextDouble() < 0.6 ? (random.NextDouble() < 0.9 ? 5 : 1 + random.Next(4)) : null,
            caseItems,
            steps,
            redAt);
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private sealed record GeneratedCase(
        string CaseId, string Number, string TalentId, string? BundleId, string Status, string Officer, DateTimeOffset OpenedAt, DateOnly PromisedBy,
        DateTimeOffset DueAt, string Light, DateTimeOffset? CompletedAt, DateTimeOffset? DeliveredAt, int Trips, int? Evaluation,
        List<(WorkflowDefinition Definition, string Status)> Items, List<GeneratedStep> Steps, DateTimeOffset? RedAt);

    private sealed record GeneratedStep(
        string ItemId, string StepId, string Department, string Status, DateTimeOffset? ReadyAt, DateTimeOffset? WarnAt, DateTimeOffset? DueAt,
        string Light, DateTimeOffset? CompletedAt);

    /// <summary>A COPY on a connection of its own, so that the four tables stream side by side.</summary>
    private sealed class SecondImport(NpgsqlConnection connection, NpgsqlBinaryImporter importer) : IAsyncDisposable
    {
        public NpgsqlBinaryImporter Importer { get; } = importer;

        public async ValueTask DisposeAsync()
        {
            await Importer.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
