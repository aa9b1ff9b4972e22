using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Window.Contracts;

namespace Window.Host.Api;

/// <summary>
/// The API's half of "at most once": every mutating request names an <c>Idempotency-Key</c>; the grain stores
/// the outcome by key and replays it. Here: the header is required, the request is hashed (the same key with
/// another body is refused by the grain), and a duplicate arriving while the first is still running gets 409.
/// </summary>
public sealed class IdempotencyGate(Identity.SecurityEvents security)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxKeyLength = 200;
    private readonly ConcurrentDictionary<string, byte> running = new(StringComparer.Ordinal);

    /// <summary>Runs a command once per key and maps its outcome; <paramref name="onSuccess"/> builds the success response.</summary>
    public async Task<IResult> RunAsync(
        HttpContext http,
        Actor actor,
        object request,
        Func<CommandMeta, Task<CaseOutcome>> command,
        Func<CaseOutcome, IResult> onSuccess)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(onSuccess);
        if (Key(http) is not { } key)
        {
            return MissingKey();
        }

        var slot = $"{actor.User}\n{key}";
        if (!running.TryAdd(slot, 0))
        {
            return Problems.Create(StatusCodes.Status409Conflict, "request_in_progress", "A request with this Idempotency-Key is still being processed; retry later.", null, []);
        }

        try
        {
            var outcome = await command(new CommandMeta(key, Hash(http, request), actor));
            if (outcome.Replayed)
            {
                http.Response.Headers[ReplayedHeader] = "true";
                WindowTelemetry.IdempotentReplays.Add(1);
            }

            if (outcome.Status == OutcomeStatus.Forbidden || (outcome.Status == OutcomeStatus.NotFound && actor.Role == Roles.Department))
            {
                security.Denied(outcome.Status == OutcomeStatus.Forbidden ? 403 : 404, actor.User, actor.Role, http.Request.Method, http.Request.Path, outcome.Code ?? "refused");
            }

            return outcome.Succeeded ? onSuccess(outcome) : Problems.From(outcome);
        }
        finally
        {
            running.TryRemove(slot, out _);
        }
    }

    /// <summary>The 400 for a request without a usable key.</summary>
    public static IResult MissingKey() =>
        Problems.Invalid(Header, $"Every change needs an {Header} header (1 to {MaxKeyLength} printable characters), unique per intended change.", "idempotency_key_required");

    /// <summary>The header's value when it is usable.</summary>
    public static string? Key(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var value = http.Request.Headers[Header].ToString().Trim();
        return value.Length is > 0 and <= MaxKeyLength && value.All(c => c is >= ' ' and <= '~') ? value : null;
    }

    private static string Hash(HttpContext http, object request)
    {
        var canonical = $"{http.Request.Method} {http.Request.Path}\n{JsonSerializer.Serialize(request, request.GetType())}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
