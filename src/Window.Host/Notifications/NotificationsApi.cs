using Window.Host.Api;
using Window.Host.Cases;
using Window.Host.Identity;

namespace Window.Host.Notifications;

/// <summary>A page request: <c>page</c> from 1, <c>pageSize</c> 1–200 (50 when not given).</summary>
public sealed record NotificationPageQuery(int? Page = null, int? PageSize = null);

/// <summary>
/// The notification API: <c>GET /api/notifications/inbox</c> (one's inbox, unread first), <c>GET /api/cases/{id}/notifications</c>
/// (the case's delivery log), <c>GET /api/admin/notifications/dead</c> and <c>POST /api/admin/notifications/{id}/retry</c>.
/// </summary>
public static class NotificationsApi
{
    /// <summary>Maps the endpoints.</summary>
    public static WebApplication MapNotificationsApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/notifications/inbox", InboxAsync).RequireAuthorization(Policies.Staff);
        app.MapGet("/api/cases/{id}/notifications", DeliveriesAsync).RequireAuthorization(Policies.CaseReaders);
        app.MapGet("/api/admin/notifications/dead", DeadAsync).RequireAuthorization(Policies.Administrators);
        app.MapPost("/api/admin/notifications/{id:long}/retry", RetryAsync).RequireAuthorization(Policies.Administrators);
        return app;
    }

    private static async Task<IResult> InboxAsync([AsParameters] NotificationPageQuery query, HttpContext http, NotificationQueries queries, CancellationToken cancellationToken)
    {
        if (Paging.Check(query.Page, query.PageSize, null) is { } refusal)
        {
            return CaseResults.Refused(refusal);
        }

        return Results.Ok(await queries.InboxAsync(Actors.Of(http.User), query.Page ?? 1, query.PageSize ?? Paging.DefaultPageSize, cancellationToken));
    }

    private static async Task<IResult> DeliveriesAsync(string id, HttpContext http, NotificationQueries queries, CancellationToken cancellationToken) =>
        await queries.DeliveriesAsync(Actors.Of(http.User), id, cancellationToken) is { } log ? Results.Ok(log) : CaseResults.Hidden(http);

    private static async Task<IResult> DeadAsync([AsParameters] NotificationPageQuery query, NotificationQueries queries, CancellationToken cancellationToken)
    {
        if (Paging.Check(query.Page, query.PageSize, null) is { } refusal)
        {
            return CaseResults.Refused(refusal);
        }

        return Results.Ok(await queries.DeadLettersAsync(query.Page ?? 1, query.PageSize ?? Paging.DefaultPageSize, cancellationToken));
    }

    private static async Task<IResult> RetryAsync(long id, HttpContext http, NotificationQueries queries, CancellationToken cancellationToken)
    {
        if (IdempotencyGate.Key(http) is null)
        {
            return IdempotencyGate.MissingKey();
        }

        return await queries.RetryAsync(id, cancellationToken) ? Results.NoContent() : Problems.NotFound("No such message.");
    }
}
