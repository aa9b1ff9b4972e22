namespace Window.Host.Identity;

/// <summary>
/// Security events (denials, sign-ins, lock-outs, reveals of personal data) in their own log category, so that
/// they can be routed to an audit sink. They name users, roles and opaque ids, never a talent's personal data.
/// </summary>
public sealed partial class SecurityEvents(ILogger<SecurityEvents> logger)
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Denied {Status}: {User} ({Role}) {Method} {Path}: {Reason}")]
    public partial void Denied(int status, string user, string role, string method, string path, string reason);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Signed in: {User} ({Role})")]
    public partial void SignedIn(string user, string role);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Sign-in failed for {User}: {Reason}")]
    public partial void SignInFailed(string user, string reason);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Signed out: {User}")]
    public partial void SignedOut(string user);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Session ended: {User} ({Role}) signed out elsewhere, changed, deactivated or past its end")]
    public partial void SessionEnded(string user, string role);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Warning, Message = "Every session of {User} ended by {Actor}")]
    public partial void SessionsEnded(string user, string actor);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Personal data revealed: {User} ({Role}) saw {Field} of case {CaseId}")]
    public partial void Revealed(string user, string role, string field, string caseId);
}

/// <summary>Denials decided inside an endpoint: logged as security events like the policy denials.</summary>
public static class Denials
{
    /// <summary>A 403 (or, to hide that something exists, a 404) logged with its reason.</summary>
    public static IResult Deny(this HttpContext http, int status, string reason, string message)
    {
        ArgumentNullException.ThrowIfNull(http);
        var actor = Api.Actors.Of(http.User);
        http.RequestServices.GetRequiredService<SecurityEvents>().Denied(status, actor.User, actor.Role, http.Request.Method, http.Request.Path, reason);
        return status == StatusCodes.Status404NotFound ? Api.Problems.NotFound(message) : Api.Problems.Forbidden(message);
    }
}
