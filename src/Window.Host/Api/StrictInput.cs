using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Window.Contracts;

namespace Window.Host.Api;

/// <summary>
/// Requests the framework refuses before an endpoint runs (malformed JSON, a wrong type, <c>page=abc</c>, an overflowing
/// number, an oversized body) answered like every refusal of Window: an RFC 9457 problem with <c>detail</c> and the field.
/// </summary>
public static partial class StrictInput
{
    /// <summary>Strict JSON binding and the handler that turns binding failures into problems.</summary>
    public static WebApplicationBuilder AddWindowStrictInput(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Configure<JsonOptions>(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());

            // The web defaults read "5" as 5: a client sending a string where the contract says number has a bug to hear about.
            json.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;

            // {"level": 1, "level": 5} means nothing clear; the last one silently winning hides the mistake.
            json.SerializerOptions.AllowDuplicateProperties = false;
        });

        // Without this, minimal APIs end a failed binding with a bare 400 and a log line; thrown, it reaches the handler below.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        // What the framework still ends with a bare status (a body that is not JSON: 415; a method the route lacks: 405)
        // becomes a problem through the status code pages; it gets a sentence too, and the body as its field.
        builder.Services.Configure<ProblemDetailsOptions>(options => options.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            if (problem.Detail is not null)
            {
                return;
            }

            problem.Detail = problem.Status switch
            {
                StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON (Content-Type: application/json).",
                StatusCodes.Status400BadRequest => "The request could not be read.",
                StatusCodes.Status405MethodNotAllowed => "This address does not take that method.",
                _ => problem.Title,
            };
            if (problem.Status is StatusCodes.Status415UnsupportedMediaType or StatusCodes.Status400BadRequest)
            {
                problem.Extensions.TryAdd("field", "body");
            }
        });
        builder.Services.AddExceptionHandler<BadRequestProblems>();
        return builder;
    }

    /// <summary>
    /// Caps API request bodies at <see cref="TextRules.JsonBodyMaxBytes"/> under any server (Kestrel's own limit does not
    /// apply to in-process hosts, nor to bodies sent in chunks until they are read): a larger declared length is refused
    /// at once, a chunked body is read up to the cap and refused when it goes past it.
    /// </summary>
    public static WebApplication UseWindowBodyLimit(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (http, next) =>
        {
            if (!http.Request.Path.StartsWithSegments("/api") || HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method))
            {
                await next(http);
                return;
            }

            // An upload of a material's file streams its body under the materials' own limit (Materials/MaterialFilesApi).
            if (Materials.MaterialFilesApi.IsUpload(http.Request))
            {
                await next(http);
                return;
            }

            if (http.Request.ContentLength > TextRules.JsonBodyMaxBytes)
            {
                await TooLarge().ExecuteAsync(http);
                return;
            }

            if (http.Request.ContentLength is null)
            {
                var buffered = new MemoryStream();
                var chunk = new byte[8192];
                int read;
                while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
                {
                    if (buffered.Length + read > TextRules.JsonBodyMaxBytes)
                    {
                        await TooLarge().ExecuteAsync(http);
                        return;
                    }

                    buffered.Write(chunk, 0, read);
                }

                buffered.Position = 0;
                http.Request.Body = buffered;
                http.Response.RegisterForDispose(buffered);
            }

            await next(http);
        });
        return app;
    }

    private static IResult TooLarge() =>
        Problems.Create(StatusCodes.Status413PayloadTooLarge, "body_too_large", $"A request body has at most {TextRules.JsonBodyMaxBytes / 1024} KB.", "body", []);

    /// <summary>The field a JSON path names: <c>$.talent.name</c> → <c>talent.name</c>, <c>$</c> → <c>body</c>.</summary>
    internal static string FieldOf(string? path) =>
        path is null or "$" ? "body" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    // The framework's message names the parameter as "Type name"; the value it quotes is the client's and is not repeated.
    [GeneratedRegex("""parameter "(?:[^"]*\s)?(?<name>[A-Za-z0-9_]+)"(?: from "|$| )""", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterName();

    /// <summary>Binding failures as problems; every other exception is left to the default handler (a 500 without details).</summary>
    private sealed class BadRequestProblems : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException bad || httpContext.Response.HasStarted)
            {
                return false;
            }

            var problem = bad.InnerException is JsonException json
                ? Problems.Invalid(FieldOf(json.Path), JsonDetail(json, FieldOf(json.Path)), "invalid_json")
                : bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                    ? TooLarge()
                    : Binding(bad);
            await problem.ExecuteAsync(httpContext);
            return true;
        }

        private static IResult Binding(BadHttpRequestException bad)
        {
            // A property of an [AsParameters] query record is named in C# (PageSize); the client sent it as the API spells it (pageSize).
            var name = ParameterName().Match(bad.Message) is { Success: true } match ? JsonNamingPolicy.CamelCase.ConvertName(match.Groups["name"].Value) : null;
            return name is null
                ? Problems.Create(bad.StatusCode, "invalid_request", "The request could not be read.", null, [])
                : Problems.Invalid(name, $"{name} does not have the expected form (a whole number in range, a date, ... as documented).");
        }

        // JsonException messages quote the offending token and sometimes the value; say what is wrong without echoing the input.
        private static string JsonDetail(JsonException json, string field) =>
            json.Path is null || json.Path == "$"
                ? "The request body is not valid JSON."
                : $"{field} has the wrong type or form (numbers are JSON numbers in range, text is a JSON string, dates are yyyy-MM-dd, a property appears once).";
    }
}
