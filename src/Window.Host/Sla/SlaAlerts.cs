using System.Security.Cryptography;
using System.Text;
using Window.Contracts;
using Window.Host.Api;
using Window.Host.Hosting;
using Window.Host.Identity;
using Window.Storage;
using Window.Storage.Sla;
using Window.Workflows.Calendar;
using Window.Workflows.Catalog;

namespace Window.Host.Sla;

/// <summary>POST /api/sla/alerts: <c>kind</c> (<see cref="SlaAlerts.OnTimeBelow"/> or <see cref="SlaAlerts.RedOlderThan"/>), the department and the threshold.</summary>
public sealed record AlertRuleRequest(string? Kind, string? Department, int? Threshold);

/// <summary>A supervisor's alert rule.</summary>
public sealed record AlertRuleDto(string Id, string Kind, string? Department, int Threshold, DateTimeOffset CreatedAt);

/// <summary>A refused rule: the field and why.</summary>
public sealed record AlertRuleProblem(string Field, string Message);

/// <summary>
/// Supervisors' alert rules (issue 23) and their evaluation: "a department's on-time rate below X % in the running week"
/// and "a step red for N working days or more". Each pass notifies a rule's owner through the inbox, once per rule and week
/// (the inbox entry's key is the rule and the week's Monday; for a red step, its case and the week).
/// </summary>
public sealed class SlaAlerts(AlertRules rules, IInbox inbox, SupervisionService supervision, CalendarYears calendar, CatalogSource catalogs, TimeProvider time)
{
    /// <summary>The catalogue now: a publication in the workflow studio replaces it while the host runs.</summary>
    private WorkflowCatalog catalog => catalogs.Current;

    /// <summary>The case id an alert's inbox entry carries in place of a case (an alert is about a rule, not one case).</summary>
    public const string RulePrefix = "sla-rule:";

    /// <summary>The on-time rule's stored kind.</summary>
    public const string OnTimeBelow = "on-time-below";

    /// <summary>The red-light rule's stored kind.</summary>
    public const string RedOlderThan = "red-older-than";

    /// <summary>The longest a red light may be watched for, in working days.</summary>
    public const int MaxRedDays = 60;

    /// <summary>The rule's problem, or null when it may be stored: one check for the API and the dashboard's form.</summary>
    public AlertRuleProblem? Check(AlertRuleRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Kind switch
        {
            not (OnTimeBelow or RedOlderThan) => new("kind", $"kind is {OnTimeBelow} or {RedOlderThan}."),
            OnTimeBelow when string.IsNullOrWhiteSpace(request.Department) => new("department", "An on-time rule watches one department."),
            _ when request.Department is { Length: > 0 } d && !catalog.Departments.ContainsKey(d) => new("department", $"Unknown department {d}."),
            OnTimeBelow when request.Threshold is not (>= 1 and <= 100) => new("threshold", "threshold is a percentage from 1 to 100."),
            RedOlderThan when request.Threshold is not (>= 1 and <= MaxRedDays) => new("threshold", $"threshold is a number of working days from 1 to {MaxRedDays}."),
            _ => null,
        };
    }

    /// <summary><paramref name="owner"/>'s rules, oldest first.</summary>
    public async Task<IReadOnlyList<AlertRuleDto>> ListAsync(string owner, CancellationToken cancellationToken = default) =>
        [.. (await rules.ListAsync(owner, cancellationToken)).Select(Dto)];

    /// <summary>Adds a checked rule; the same owner and key give the same rule (a retry adds nothing).</summary>
    public async Task<AlertRuleDto> AddAsync(string owner, string idempotencyKey, AlertRuleRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(owner + "\n" + idempotencyKey)))[..32];
        var department = string.IsNullOrWhiteSpace(request.Department) ? null : request.Department;
        return Dto(await rules.AddAsync(new StoredAlertRule(id, owner, request.Kind!, department, request.Threshold!.Value, time.GetUtcNow()), cancellationToken));
    }

    /// <summary>Removes one of <paramref name="owner"/>'s rules (already gone is the same result).</summary>
    public Task RemoveAsync(string owner, string id, CancellationToken cancellationToken = default) => rules.RemoveAsync(owner, id, cancellationToken);

    /// <summary>Evaluates every rule now; returns how many notifications were new.</summary>
    public async Task<int> EvaluateAsync(CancellationToken cancellationToken = default)
    {
        var all = await rules.ListAsync(null, cancellationToken);
        if (all.Count == 0)
        {
            return 0;
        }

        await calendar.EnsureLoadedAsync(cancellationToken);
        var now = time.GetUtcNow();
        var today = OfficeTime.DateOf(now);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var sent = 0;
        IReadOnlyList<Breach>? red = null;
        foreach (var rule in all)
        {
            if (rule.Kind == OnTimeBelow)
            {
                var week = await supervision.SummaryAsync(monday, today, rule.Department, null, cancellationToken);
                if (week.Overall.OnTimeRate is { } rate && rate * 100 < rule.Threshold
                    && await inbox.InsertInboxAsync(new InboxEntry(0, rule.Owner, RulePrefix + rule.RuleId, monday.DayNumber, "", NotificationKind.SlaAlertOnTime.Stored,
                        "red", null, null, rule.Department, now, null), cancellationToken))
                {
                    sent++;
                }
            }
            else if (rule.Kind == RedOlderThan)
            {
                red ??= await supervision.RedOpenStepsAsync(cancellationToken);
                foreach (var breach in red.Where(b => b.DueAt is not null && (rule.Department is null || b.Department == rule.Department)
                    && calendar.Calendar.WorkingDaysBetween(OfficeTime.DateOf(b.DueAt!.Value), today) >= rule.Threshold))
                {
                    if (await inbox.InsertInboxAsync(new InboxEntry(0, rule.Owner, breach.CaseId, -monday.DayNumber, breach.CaseNumber, NotificationKind.SlaAlertRed.Stored, "red",
                        breach.ItemId, breach.StepId, breach.Department, now, null), cancellationToken))
                    {
                        sent++;
                    }
                }
            }
        }

        return sent;
    }

    private static AlertRuleDto Dto(StoredAlertRule rule) => new(rule.RuleId, rule.Kind, rule.Department, rule.Threshold, rule.CreatedAt);
}

/// <summary>Evaluates the alert rules every <c>Window:Sla:AlertPeriod</c> (default 5 minutes).</summary>
public sealed class SlaAlertPass(SlaAlerts alerts, SlaAlertPeriod period, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<SlaAlertPass> logger)
    : PeriodicPass(period.Value, time, lifetime, logger)
{
    /// <inheritdoc />
    protected override Task PassAsync(CancellationToken cancellationToken) => alerts.EvaluateAsync(cancellationToken);
}

/// <summary>How often the alert rules are evaluated.</summary>
public sealed record SlaAlertPeriod(TimeSpan Value);

/// <summary>GET, POST /api/sla/alerts and DELETE /api/sla/alerts/{id}: a supervisor's own rules.</summary>
public static class SlaAlertsApi
{
    /// <summary>Adds the rules' storage, service and pass.</summary>
    public static WebApplicationBuilder AddWindowAlertRules(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var period = builder.Configuration["Window:Sla:AlertPeriod"] is { Length: > 0 } text
            ? TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed > TimeSpan.Zero && parsed <= TimeSpan.FromDays(30)
                ? parsed
                : throw new InvalidOperationException($"Window:Sla:AlertPeriod must be a time span from 00:00:01 to 30.00:00:00 such as 00:05:00, not '{text}'.")
            : TimeSpan.FromMinutes(5);
        builder.Services.AddSingleton(new SlaAlertPeriod(period));
        builder.Services.AddSingleton(provider => new AlertRules(provider.GetRequiredService<WindowDatabase>()));
        builder.Services.AddSingleton<SlaAlerts>();
        builder.Services.AddSingleton<SlaAlertPass>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<SlaAlertPass>());
        return builder;
    }

    /// <summary>Maps the rules' API for supervisors and administrators.</summary>
    public static WebApplication MapAlertRulesApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/sla/alerts", async (HttpContext http, SlaAlerts alerts, CancellationToken cancellationToken) =>
            Results.Ok(await alerts.ListAsync(Actors.Of(http.User).User, cancellationToken))).RequireAuthorization(Policies.Oversight);
        app.MapPost("/api/sla/alerts", AddAsync).RequireAuthorization(Policies.Oversight);
        app.MapDelete("/api/sla/alerts/{id}", async (string id, HttpContext http, SlaAlerts alerts, CancellationToken cancellationToken) =>
        {
            if (IdempotencyGate.Key(http) is null)
            {
                return IdempotencyGate.MissingKey();
            }

            await alerts.RemoveAsync(Actors.Of(http.User).User, id, cancellationToken);
            return Results.NoContent();
        }).RequireAuthorization(Policies.Oversight);
        return app;
    }

    private static async Task<IResult> AddAsync(AlertRuleRequest? request, HttpContext http, SlaAlerts alerts, CancellationToken cancellationToken)
    {
        if (IdempotencyGate.Key(http) is not { } key)
        {
            return IdempotencyGate.MissingKey();
        }

        if (request is null)
        {
            return Problems.Invalid("kind", "The body is a rule: kind, department, threshold.");
        }

        if (alerts.Check(request) is { } problem)
        {
            return Problems.Invalid(problem.Field, problem.Message);
        }

        var rule = await alerts.AddAsync(Actors.Of(http.User).User, key, request, cancellationToken);
        return Results.Created($"/api/sla/alerts/{rule.Id}", rule);
    }
}
