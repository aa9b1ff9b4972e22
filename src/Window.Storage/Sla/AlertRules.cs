using Window.Storage.ReadModel;
using static Window.Storage.ReadModel.SqlCommands;

namespace Window.Storage.Sla;

/// <summary>A supervisor's alert rule as stored (window_sla_alert_rules).</summary>
/// <param name="RuleId">Opaque id (derived from the owner and the creating request's idempotency key).</param>
/// <param name="Owner">The supervisor's login: the rule's notifications go to their inbox.</param>
/// <param name="Kind">The rule's kind, as the host names it.</param>
/// <param name="Department">The department watched, or null for all.</param>
/// <param name="Threshold">A percentage or a number of working days, by kind.</param>
/// <param name="CreatedAt">When it was made.</param>
public sealed record StoredAlertRule(string RuleId, string Owner, string Kind, string? Department, int Threshold, DateTimeOffset CreatedAt);

/// <summary>Supervisors' alert rules.</summary>
public sealed class AlertRules(WindowDatabase database)
{
    private const string Columns = "rule_id, owner, kind, department, threshold, created_at";

    private readonly SqlAccess access = new(database);

    private readonly SqlDialect dialect = SqlDialect.For(database.Provider);

    /// <summary>Stores a rule unless one with its id exists (a retry); returns the stored rule.</summary>
    public async Task<StoredAlertRule> AddAsync(StoredAlertRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        await access.ExecuteAsync(
            $"INSERT INTO window_sla_alert_rules ({Columns}) VALUES (@id, @owner, @kind, @department, @threshold, @at) ON CONFLICT (rule_id) DO NOTHING",
            [("id", Text(rule.RuleId)), ("owner", Text(rule.Owner)), ("kind", Text(rule.Kind)), ("department", Text(rule.Department)),
             ("threshold", Int(rule.Threshold)), ("at", access.Instant(rule.CreatedAt))], cancellationToken);
        return (await ReadAsync("rule_id = @id", [("id", Text(rule.RuleId))], cancellationToken)).Single();
    }

    /// <summary>Removes one of <paramref name="owner"/>'s rules; false when they have no such rule (any more).</summary>
    public async Task<bool> RemoveAsync(string owner, string ruleId, CancellationToken cancellationToken = default) =>
        await access.ExecuteAsync("DELETE FROM window_sla_alert_rules WHERE owner = @owner AND rule_id = @id",
            [("owner", Text(owner)), ("id", Text(ruleId))], cancellationToken) > 0;

    /// <summary>The rules of <paramref name="owner"/>, oldest first; every rule when null.</summary>
    public Task<IReadOnlyList<StoredAlertRule>> ListAsync(string? owner, CancellationToken cancellationToken = default) =>
        owner is null ? ReadAsync("1 = 1", [], cancellationToken) : ReadAsync("owner = @owner", [("owner", Text(owner))], cancellationToken);

    private async Task<IReadOnlyList<StoredAlertRule>> ReadAsync(string where, IEnumerable<(string, SqlValue)> parameters, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, null, $"SELECT {Columns} FROM window_sla_alert_rules WHERE {where} ORDER BY created_at, rule_id", parameters);
        return await ReadAllAsync(command, reader => new StoredAlertRule(reader.GetString(0), reader.GetString(1), reader.GetString(2), NullableText(reader, 3),
            reader.GetInt32(4), dialect.ReadInstant(reader, 5)), cancellationToken);
    }
}
