using Microsoft.AspNetCore.Diagnostics;

namespace Window.Host.Hosting;

/// <summary>
/// What an unknown address or a failure answers. The API (<c>/api</c>, the OpenAPI document, health) keeps answering
/// RFC 9457 problem details; every other address is a person's browser and gets a calm page in the site's look: a
/// 404 with a way home, or an error page with a short reference that the log holds next to the exception, and no
/// stack trace or internal detail.
/// </summary>
public static partial class StatusPages
{
    /// <summary>The page of a status without a body (404, 405, ...): <c>/status/404</c>.</summary>
    public const string StatusPath = "/status/{0}";

    /// <summary>The page of an unhandled error.</summary>
    public const string ErrorPath = "/error";

    /// <summary>The item under which the error page finds the reference logged with the exception.</summary>
    public const string ReferenceItem = "window.error.reference";

    /// <summary>Whether a request is the API's (problem details), not a page's.</summary>
    public static bool IsApi(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return IsApi(http.Request.Path);
    }

    private static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/health");

    /// <summary>Adds the API's answer to an unhandled error (after every other exception handler, so theirs go first).</summary>
    public static WebApplicationBuilder AddWindowStatusPages(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddExceptionHandler<ApiErrors>();
        return builder;
    }

    /// <summary>
    /// Problem details for the API, pages for everything else. Both re-executing middlewares sit on the main pipeline:
    /// only there do they route the page's path again (a branch made with <c>UseWhen</c> has no router of its own).
    /// </summary>
    public static WebApplication UseWindowStatusPages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // An API error is answered by ApiErrors (a problem); any other is re-executed as the error page.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = ErrorPath,
            CreateScopeForErrors = true,
            StatusCodeSelector = _ => StatusCodes.Status500InternalServerError,
        });
        app.Use(async (http, next) =>
        {
            if (http.Features.Get<IExceptionHandlerFeature>() is { } failure && !http.Items.ContainsKey(ReferenceItem))
            {
                http.Items[ReferenceItem] = Logged(http, failure.Error);
            }

            await next(http);
        });

        // A status without a body: the API's own status pages (inside) write a problem, so the page (outside) is left out.
        app.UseStatusCodePagesWithReExecute(StatusPath, createScopeForStatusCodePages: true);
        app.UseWhen(IsApi, api => api.UseStatusCodePages());
        return app;
    }

    /// <summary>
    /// Logs an error shown to a person under a new short reference and returns it. Only the exception's type and the
    /// path are logged with it (paths hold opaque ids, never personal data); the exception itself is logged by the
    /// framework next to it in the same trace.
    /// </summary>
    public static string Logged(HttpContext http, Exception error)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(error);
        var reference = NewReference();
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StatusPages).FullName!);
        ShownError(logger, reference, error.GetType().FullName ?? error.GetType().Name, http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path.Value ?? "/");
        return reference;
    }

    /// <summary>A reference a person can read over the phone: eight letters and digits without look-alikes (0/O, 1/I/L).</summary>
    public static string NewReference()
    {
        const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
        return string.Create(8, 0, (chars, _) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[System.Security.Cryptography.RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Error, Message = "Error page shown with reference {Reference}: {ExceptionType} at {Path}")]
    private static partial void ShownError(ILogger logger, string reference, string exceptionType, string path);

    /// <summary>An unhandled error in an API request: a 500 problem without detail, as the framework's default handler writes it.</summary>
    private sealed class ApiErrors(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            // The middleware has already moved the request to the error page's path: the failed request's is in the feature.
            var failed = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path.Value;
            if (!IsApi(new PathString(failed)) || httpContext.Response.HasStarted)
            {
                return false;
            }

            httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception });
        }
    }
}
