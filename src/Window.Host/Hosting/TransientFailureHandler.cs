using Microsoft.AspNetCore.Diagnostics;
using Window.Contracts;
using Window.Storage;

namespace Window.Host.Hosting;

/// <summary>
/// Answers a transient failure (<see cref="TransientFailures"/>) with 503, a <c>Retry-After</c> header and a problem whose
/// <c>code</c> says which: a client, or a proxy that retries 503 (silo-config/README.md), sends the request again with the
/// same Idempotency-Key and the grain applies it at most once. Other exceptions fall through to the 500 problem.
/// </summary>
internal sealed partial class TransientFailureHandler(IProblemDetailsService problems, ILogger<TransientFailureHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(exception);
        if (TransientFailures.Classify(exception) is not { } failure)
        {
            return false;
        }

        // The cause as the operator needs it (a storage failure's SQL state and message, an Orleans rejection's reason),
        // never the request: the path holds opaque ids only, and no body or query string is logged.
        var cause = StorageFailures.Find(exception, "request") is { } storage ? storage.Message : $"{exception.GetType().Name}: {exception.Message}";
        LogTransient(logger, failure.Code, httpContext.Request.Method, httpContext.Request.Path, cause);
        WindowTelemetry.TransientFailures.Add(1, new KeyValuePair<string, object?>(WindowTelemetry.Outcome, failure.Code));

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = failure.RetryAfterSeconds;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Type = $"/problems/{failure.Code.Replace('_', '-')}",
                Title = "Service Unavailable",
                Detail = failure.Detail,
                Extensions = { ["code"] = failure.Code },
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered 503 {Code} to {Method} {Path}: {Cause}")]
    private static partial void LogTransient(ILogger logger, string code, string method, PathString path, string cause);
}
