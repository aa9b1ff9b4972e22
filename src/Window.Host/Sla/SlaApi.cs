using System.Globalization;
using Window.Host.Api;
using Window.Host.Cases;
using Window.Host.Identity;
using Window.Storage.Sla;
using Window.Workflows.Calendar;

namespace Window.Host.Sla;

/// <summary>One inbox notification.</summary>
public sealed record InboxItemDto(
    long Id, string CaseId, string CaseNumber, string Kind, string? Light, string? ItemId, string? StepId, string? Department, DateTimeOffset At,
    bool Read);

/// <summary>GET /api/inbox: the newest notifications and how many of all are unread.</summary>
/// <summary>
/// A page of the inbox, newest first: the unread count, how many entries there are, and <c>nextBefore</c> (send it as
/// <c>before</c> for the next page; null on the last).
/// </summary>
public sealed record InboxDto(int Unread, IReadOnlyList<InboxItemDto> Items, long Total = 0, long? NextBefore = null);

/// <summary>A page of the inbox: <c>pageSize</c> 1–200 (100 when not given), entries older than <c>before</c>.</summary>
public sealed record InboxQuery(int? PageSize = null, long? Before = null);

/// <summary>One current yellow or red step (stepId set) or case.</summary>
public sealed record BreachDto(
    string CaseId, string CaseNumber, string? ItemId, string? StepId, string? Department, string Officer, DateTimeOffset? Due, string Light);

/// <summary>One week (Monday start, +08:00) of the trend.</summary>
public sealed record TrendWeekDto(DateOnly Week, int Opened, int Completed, int OnTime, double? OnTimeRate);

/// <summary>GET /api/sla/summary's query: the period (YYYY-MM-DD; by default the 30 days to today) and optional scope.</summary>
public sealed record SlaSummaryQuery(string? From, string? To, string? Department, string? Item);

/// <summary>GET /api/sla/trend's query: how many weeks back (1 to 104, default 12), parsed here to keep its own problem.</summary>
public sealed record SlaTrendQuery(string? Weeks);

/// <summary>A page of the breach list: <c>page</c> from 1, <c>pageSize</c> 1–200 (50 when not given).</summary>
public sealed record SlaBreachQuery(int? Page = null, int? PageSize = null);

/// <summary>
/// The inbox and supervisors' SLA figures. Who may call them is the endpoint policies' business (signed-in staff,
/// supervisors and administrators); the handlers only read.
/// </summary>
public static class SlaApi
{
    private const int InboxPage = 100;
    private const int MaxPeriodDays = 366;
    private const int MaxWeeks = 104;

    /// <summary>Maps /api/inbox and /api/sla.</summary>
    public static WebApplication MapSlaApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/inbox", InboxAsync).RequireAuthorization(Policies.Staff);
        app.MapPost("/api/inbox/{id:long}/read", ReadAsync).RequireAuthorization(Policies.Staff);
        app.MapGet("/api/sla/summary", SummaryAsync).RequireAuthorization(Policies.Oversight);
        app.MapGet("/api/sla/breaches", BreachesAsync).RequireAuthorization(Policies.Oversight);
        app.MapGet("/api/sla/trend", TrendAsync).RequireAuthorization(Policies.Oversight);
        app.MapPost("/api/sla/watch", WatchAsync).RequireAuthorization(Policies.Oversight);
        return app;
    }

    private static async Task<IResult> InboxAsync([AsParameters] InboxQuery query, HttpContext http, SqlSlaStore store, CancellationToken cancellationToken)
    {
        if (Paging.Check(null, query.PageSize, null) is { } refusal)
        {
            return CaseResults.Refused(refusal);
        }

        if (query.Before is < 1)
        {
            return Problems.Invalid("before", "before is the id of an inbox entry (nextBefore of the page before).");
        }

        var size = query.PageSize ?? InboxPage;
        var (entries, unread, total) = await store.InboxPageAsync(Actors.Of(http.User).User, size, query.Before, cancellationToken);
        return Results.Ok(new InboxDto(unread, [.. entries.Select(e => new InboxItemDto(
            e.Id, e.CaseId, e.CaseNumber, e.Kind, e.Light, e.ItemId, e.StepId, e.Department, e.At, e.ReadAt is not null))],
            total, entries.Count == size && entries.Count > 0 ? entries[^1].Id : null));
    }

    private static async Task<IResult> ReadAsync(long id, HttpContext http, SqlSlaStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (IdempotencyGate.Key(http) is null)
        {
            return IdempotencyGate.MissingKey();
        }

        // Marking read twice keeps the first read time: a retry has the same effect.
        return await store.MarkReadAsync(Actors.Of(http.User).User, id, time.GetUtcNow(), cancellationToken) ? Results.NoContent() : Problems.NotFound("No such notification in your inbox.");
    }

    private static async Task<IResult> SummaryAsync(
        [AsParameters] SlaSummaryQuery query, SlaSummary summary, CalendarYears calendar, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Period(query, time, out var from, out var to) is { } refusal)
        {
            return refusal;
        }

        await calendar.EnsureLoadedAsync(cancellationToken);
        return Results.Ok(await summary.ComputeAsync(calendar.Calendar, time.GetUtcNow(), from, to, Optional(query.Department), Optional(query.Item), cancellationToken));
    }

    /// <summary>
    /// The period of a summary query: <c>from</c> and <c>to</c> as YYYY-MM-DD, by default the
    /// <see cref="SlaSummary.DefaultDays"/> days to today, forwards and at most a year; a problem naming the field otherwise.
    /// </summary>
    internal static IResult? Period(SlaSummaryQuery query, TimeProvider time, out DateOnly from, out DateOnly to)
    {
        to = OfficeTime.DateOf(time.GetUtcNow());
        from = to;
        if (DateQuery.Optional(query.To, "to", ref to) is { } badTo)
        {
            return badTo;
        }

        from = to.AddDays(1 - SlaSummary.DefaultDays);
        if (DateQuery.Optional(query.From, "from", ref from) is { } badFrom)
        {
            return badFrom;
        }

        return from > to || to.DayNumber - from.DayNumber >= MaxPeriodDays
            ? Problems.Invalid("to", $"The period must run forwards and span at most {MaxPeriodDays} days.")
            : null;
    }

    private static async Task<IResult> BreachesAsync([AsParameters] SlaBreachQuery query, SqlSlaStore store, CancellationToken cancellationToken)
    {
        if (Paging.Check(query.Page, query.PageSize, null) is { } refusal)
        {
            return CaseResults.Refused(refusal);
        }

        var (page, size) = (query.Page ?? 1, query.PageSize ?? Paging.DefaultPageSize);
        var (breaches, total) = await store.BreachesAsync((page - 1) * size, size, cancellationToken);
        return Results.Ok(new PageDto<BreachDto>(
            [.. breaches.Select(b => new BreachDto(b.CaseId, b.CaseNumber, b.ItemId, b.StepId, b.Department, b.Officer, b.DueAt, b.Light))], page, size, total, false));
    }

    private static async Task<IResult> TrendAsync([AsParameters] SlaTrendQuery query, SupervisionService supervision, CancellationToken cancellationToken)
    {
        var weeks = 12;
        if (Optional(query.Weeks) is { } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out weeks) || weeks is < 1 or > MaxWeeks))
        {
            return Problems.Invalid("weeks", $"weeks must be a whole number from 1 to {MaxWeeks}.");
        }

        return Results.Ok(await supervision.TrendAsync(weeks, cancellationToken));
    }

    private static async Task<IResult> WatchAsync(HttpContext http, SlaWatcher watcher, EscalationDispatcher dispatcher, CancellationToken cancellationToken)
    {
        if (IdempotencyGate.Key(http) is null)
        {
            return IdempotencyGate.MissingKey();
        }

        // A pass is naturally idempotent (it acts on stored deadlines), so a retried request simply runs another.
        var watched = await watcher.WatchOnceAsync(cancellationToken);
        var dispatched = await dispatcher.DispatchOnceAsync(cancellationToken);
        return Results.Ok(new { watched.CasesLooked, watched.CasesChanged, watched.RectificationChanges, Dispatched = dispatched });
    }

    internal static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
