using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Window.Host.Api;
using Window.Storage.Identity;

namespace Window.Host.Identity;

/// <summary>
/// How long a sign-in lasts (<c>Window:Sessions:*</c>): <see cref="SlidingLifetime"/> without requests,
/// <see cref="AbsoluteLifetime"/> at most however busy, and how often a host looks at the stored session again
/// (<see cref="RecheckInterval"/>: a change made on another host takes effect here within that time) and how often
/// an open page re-checks its sign-in (<see cref="CircuitRecheckInterval"/>).
/// </summary>
public sealed class SessionSettings
{
    public TimeSpan SlidingLifetime { get; set; } = TimeSpan.FromHours(9);

    /// <summary>A working day and a half: a desk clerk signs in once a day, a stolen cookie dies by the next morning.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    public TimeSpan RecheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan CircuitRecheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    public static SessionSettings From(IConfiguration configuration) =>
        configuration.GetSection("Window:Sessions").Get<SessionSettings>() ?? new SessionSettings();
}

/// <summary>
/// Server-side sessions: each sign-in cookie names a stored session (<see cref="Claim"/>), and every request (and
/// every open page, through <see cref="RevalidatingSessionState"/>) checks it against the database: not signed out,
/// not past its absolute end, the account active, with the role and department the cookie claims, and the security
/// stamp the session began with (password, role, department, active flag and "sign out everywhere" renew it).
/// A host reads a session at most once per <see cref="SessionSettings.RecheckInterval"/>; changes made on this host
/// forget what it read at once.
/// </summary>
public sealed class Sessions(UserStore users, TimeProvider time, SessionSettings settings, SecurityEvents security)
{
    /// <summary>The claim that names the session.</summary>
    public const string Claim = "window:sid";

    // Staleness is measured on the machine's clock, not the injected TimeProvider: how recently this host read the
    // database is an operational fact; the absolute end of a session is business time and uses the TimeProvider.
    private readonly ConcurrentDictionary<string, (SessionRecord? Record, long ReadAt)> read = new(StringComparer.Ordinal);

    /// <summary>Stores a new session for a local account (with its current stamp) or, with <paramref name="stamp"/> null, an external sign-in.</summary>
    public async Task<Claim> StartAsync(string username, string? stamp, CancellationToken cancellationToken)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var now = time.GetUtcNow();
        await users.StartSessionAsync(id, username, stamp, now, now + settings.AbsoluteLifetime, cancellationToken);
        return new Claim(Claim, id);
    }

    /// <summary>Whether the principal's session still holds (principals without a session claim never do).</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.FindFirstValue(Claim) is not { } id)
        {
            return false;
        }

        var session = await ReadAsync(id, cancellationToken);
        if (session is null || session.Revoked || session.ExpiresAt <= time.GetUtcNow())
        {
            return false;
        }

        if (session.Stamp is null)
        {
            return true;
        }

        return session.Active == true
            && string.Equals(session.AccountStamp, session.Stamp, StringComparison.Ordinal)
            && principal.IsInRole(session.Role!)
            && string.Equals(principal.FindFirstValue(Actors.DepartmentClaim), session.Department, StringComparison.Ordinal);
    }

    /// <summary>The cookie handler's check of every request: a session that no longer holds signs the request out.</summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Principal is { } principal && await IsCurrentAsync(principal, context.HttpContext.RequestAborted))
        {
            return;
        }

        var actor = Actors.Of(context.Principal ?? new ClaimsPrincipal());
        security.SessionEnded(actor.User, actor.Role);
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>Ends the principal's own session (sign-out).</summary>
    public async Task RevokeAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.FindFirstValue(Claim) is { } id)
        {
            await users.RevokeSessionAsync(id, time.GetUtcNow(), cancellationToken);
            read.TryRemove(id, out _);
        }
    }

    /// <summary>Ends every session of the account on every host, as a security event of <paramref name="actor"/>; <see langword="false"/> when there is no such user.</summary>
    public async Task<bool> EndAllAsync(string username, string actor, CancellationToken cancellationToken)
    {
        var renewed = await users.RenewSecurityStampAsync(username, cancellationToken);
        AccountChanged(username);
        if (renewed)
        {
            security.SessionsEnded(username, actor);
        }

        return renewed;
    }

    /// <summary>Forgets what this host read about the account's sessions, after a change made here.</summary>
    public void AccountChanged(string username)
    {
        foreach (var (id, entry) in read)
        {
            if (entry.Record is null || string.Equals(entry.Record.Username, username, StringComparison.Ordinal))
            {
                read.TryRemove(id, out _);
            }
        }
    }

    private async Task<SessionRecord?> ReadAsync(string id, CancellationToken cancellationToken)
    {
        if (read.TryGetValue(id, out var entry) && Stopwatch.GetElapsedTime(entry.ReadAt) < settings.RecheckInterval)
        {
            return entry.Record;
        }

        var record = await users.FindSessionAsync(id, cancellationToken);
        read[id] = (record, Stopwatch.GetTimestamp());
        if (read.Count > 10_000)
        {
            // Entries of sessions that stopped sending requests are never read again; drop the stale ones in bulk.
            foreach (var (key, old) in read)
            {
                if (Stopwatch.GetElapsedTime(old.ReadAt) >= settings.RecheckInterval)
                {
                    read.TryRemove(key, out _);
                }
            }
        }

        return record;
    }
}
