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
        if (IsPageRequest(httpContext.Request))
        {
            // A person opening a page gets a sentence, and the page asks again by itself after Retry-After.
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            await httpContext.Response.WriteAsync(BusyPage(failure), cancellationToken);
            return true;
        }

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

    private static bool IsPageRequest(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && !request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.Ordinal);

    private static string BusyPage(TransientFailure failure) => $$"""
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta http-equiv="refresh" content="{{failure.RetryAfterSeconds}}" />
        <title>系统繁忙</title>
        </head>
        <body style="margin:0;padding:0 1rem;background:#f3f5f9;font-family:'Noto Sans CJK SC','Noto Sans SC',sans-serif">
        <div role="alert" data-testid="busy-page" data-code="{{failure.Code}}" style="max-width:36rem;margin:4rem auto;padding:.7rem 1.2rem;background:#fdecea;border:1px solid #f3b7b2;color:#8a1c17;border-radius:6px">
        <p>系统繁忙，请稍后重试。页面将自动刷新。</p>
        <p lang="en">The system is busy; this page tries again by itself.</p>
        </div>
        </body>
        </html>
        """;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered 503 {Code} to {Method} {Path}: {Cause}")]
    private static partial void LogTransient(ILogger logger, string code, string method, PathString path, string cause);
}
