using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Window.Contracts;

namespace Window.Host.Api;

/// <summary>
/// Who sends a command and from where: the actor, the idempotency key (<see langword="null"/> when the request had
/// no usable one) and the operation it answers — an HTTP method and path, or <c>UI</c> and a page's path — which the
/// request hash and the denial log name.
/// </summary>
public sealed record CommandSource(Actor Actor, string? Key, string Method, string Path)
{
    /// <summary>The <see cref="Method"/> of a change made on a page.</summary>
    public const string PageMethod = "UI";

    /// <summary>Whether a page sends it (the front door then retries transient failures itself).</summary>
    public bool FromPage => Method == PageMethod;

    /// <summary>The source of an API request.</summary>
    public static CommandSource Of(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return new CommandSource(Actors.Of(http.User), IdempotencyGate.Key(http), http.Request.Method, http.Request.Path);
    }
}

/// <summary>
/// "At most once" at the front door, for the API and the pages alike: every change names an idempotency key; the
/// grain stores the outcome by key and replays it. Here: the key is required, the request is hashed (the same key
/// with another body is refused by the grain), and a duplicate arriving while the first is still running is refused.
/// </summary>
public sealed class IdempotencyGate(Identity.SecurityEvents security)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxKeyLength = 200;
    private static readonly string MissingKeyMessage =
        $"Every change needs an {Header} header (1 to {MaxKeyLength} printable characters), unique per intended change.";

    private readonly ConcurrentDictionary<string, byte> running = new(StringComparer.Ordinal);

    /// <summary>Runs a command once per key; a refusal when the key is missing or its first request still runs.</summary>
    public async Task<CaseOutcome> RunAsync(CommandSource source, object request, Func<CommandMeta, Task<CaseOutcome>> command)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(command);
        if (source.Key is not { } key)
        {
            return CaseOutcome.Fail(OutcomeStatus.Invalid, "idempotency_key_required", MissingKeyMessage, field: Header);
        }

        var actor = source.Actor;
        var slot = $"{actor.User}\n{key}";
        if (!running.TryAdd(slot, 0))
        {
            return CaseOutcome.Fail(OutcomeStatus.Conflict, "request_in_progress", "A request with this Idempotency-Key is still being processed; retry later.");
        }

        try
        {
            var outcome = await command(new CommandMeta(key, Hash(source, request), actor));
            if (outcome.Replayed)
            {
                WindowTelemetry.IdempotentReplays.Add(1);
            }

            if (outcome.Status == OutcomeStatus.Forbidden || (outcome.Status == OutcomeStatus.NotFound && actor.Role == Roles.Department))
            {
                security.Denied(outcome.Status == OutcomeStatus.Forbidden ? 403 : 404, actor.User, actor.Role, source.Method, source.Path, outcome.Code ?? "refused");
            }

            return outcome;
        }
        finally
        {
            running.TryRemove(slot, out _);
        }
    }

    /// <summary>The 400 for a request without a usable key.</summary>
    public static IResult MissingKey() => Problems.Invalid(Header, MissingKeyMessage, "idempotency_key_required");

    /// <summary>The header's value when it is usable.</summary>
    public static string? Key(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var value = http.Request.Headers[Header].ToString().Trim();
        return value.Length is > 0 and <= MaxKeyLength && value.All(c => c is >= ' ' and <= '~') ? value : null;
    }

    /// <summary>The one request hash: the operation and the request body, so that a key reused for another change is told apart.</summary>
    private static string Hash(CommandSource source, object request)
    {
        var canonical = $"{source.Method} {source.Path}\n{JsonSerializer.Serialize(request, request.GetType())}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
