using Window.Contracts;

namespace Window.Host.Api;

/// <summary>Every refusal of the API as an RFC 9457 problem: <c>type</c> names the code, extensions carry what a client acts on.</summary>
public static class Problems
{
    /// <summary>A malformed request: 400 naming the field.</summary>
    public static IResult Invalid(string field, string message, string code = "invalid_request") =>
        Create(StatusCodes.Status400BadRequest, code, message, field, []);

    /// <summary>The 400 for a text that breaks its <see cref="TextRule"/>, or <see langword="null"/> when it is acceptable.</summary>
    public static IResult? Text(string field, string? value, TextRule rule, bool required = false) =>
        TextRules.Check(value, rule, field, required) is { } problem ? Invalid(field, problem.Message, problem.Code) : null;

    /// <summary>403: signed in, but this role may not do this.</summary>
    public static IResult Forbidden(string message = "Your role may not do this.") =>
        Create(StatusCodes.Status403Forbidden, "forbidden", message, null, []);

    /// <summary>404 without saying more than that.</summary>
    public static IResult NotFound(string message = "Not found.") =>
        Create(StatusCodes.Status404NotFound, "not_found", message, null, []);

    /// <summary>A command's refusal mapped to its status code.</summary>
    public static IResult From(CaseOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var status = outcome.Status switch
        {
            OutcomeStatus.Invalid => StatusCodes.Status400BadRequest,
            OutcomeStatus.NotFound => StatusCodes.Status404NotFound,
            OutcomeStatus.Conflict => StatusCodes.Status409Conflict,
            OutcomeStatus.Forbidden => StatusCodes.Status403Forbidden,
            OutcomeStatus.Unavailable => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        return Create(status, outcome.Code ?? "refused", outcome.Message ?? "The request was refused.", outcome.Field, outcome.Details);
    }

    /// <summary>The one place problems are built.</summary>
    public static IResult Create(int status, string code, string detail, string? field, IReadOnlyList<string> details, IDictionary<string, object?>? extra = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (field is not null)
        {
            extensions["field"] = field;
        }

        if (details.Count > 0)
        {
            extensions[code == "materials_missing" ? "missing" : "details"] = details;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, object?>())
        {
            extensions[key] = value;
        }

        return Results.Problem(detail: detail, statusCode: status, type: $"/problems/{code.Replace('_', '-')}", extensions: extensions);
    }
}
