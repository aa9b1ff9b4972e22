using Window.Contracts;
using Window.Host.Cases;
using Window.Host.Identity;

namespace Window.Host.Api;

/// <summary>How the API answers what the case services return: problems for refusals, the replay header for replays.</summary>
public static class CaseResults
{
    /// <summary>A command's outcome: <paramref name="onSuccess"/> for success, its problem otherwise.</summary>
    public static IResult From(HttpContext http, CaseOutcome outcome, Func<CaseOutcome, IResult> onSuccess)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(onSuccess);
        if (outcome.Replayed)
        {
            http.Response.Headers[IdempotencyGate.ReplayedHeader] = "true";
        }

        return outcome.Succeeded ? onSuccess(outcome) : Problems.From(outcome);
    }

    /// <summary>A read: 200 with the value, or its refusal (a denial logged as a security event).</summary>
    public static IResult From<T>(HttpContext http, QueryResult<T> result)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(result);
        return result.Refusal switch
        {
            null => Results.Ok(result.Value),
            { DenialReason: { } reason } refusal => http.Deny(refusal.Status, reason, refusal.Message),
            var refusal => Refused(refusal),
        };
    }

    /// <summary>A refused read as problem details naming its field.</summary>
    public static IResult Refused(QueryRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        return Problems.Create(refusal.Status, refusal.Code, refusal.Message, refusal.Field, []);
    }

    /// <summary>
    /// A case the actor may not see. Department staff get the same 404 for a case outside their department as for no
    /// case; it is still a denial.
    /// </summary>
    public static IResult Hidden(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return Actors.Of(http.User).Role == Roles.Department
            ? http.Deny(StatusCodes.Status404NotFound, "case outside the department", "No such case.")
            : Problems.NotFound("No such case.");
    }
}
