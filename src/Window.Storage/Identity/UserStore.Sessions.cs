using System.Globalization;

namespace Window.Storage.Identity;

/// <summary>
/// A stored session with what its account looks like now. The account fields are <see langword="null"/> when no
/// local account has the session's user name (a sign-in through the identity provider, or a deleted account).
/// </summary>
public sealed record SessionRecord(
    string Username,
    string? Stamp,
    DateTimeOffset ExpiresAt,
    bool Revoked,
    string? AccountStamp,
    string? Role,
    string? Department,
    bool? Active);

/// <summary>Where a sign-in attempt from one source stands.</summary>
/// <param name="Allowed">Whether the attempt may check a password (it was counted as a failure until it succeeds).</param>
/// <param name="LockedUntil">When a refused source may try again, if it is locked (not only full of attempts in flight).</param>
public sealed record SignInReservation(bool Allowed, DateTimeOffset? LockedUntil);

public sealed partial class UserStore
{
    /// <summary>The account's current security stamp, or <see langword="null"/> when there is no such user.</summary>
    public async Task<string?> SecurityStampAsync(string username, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, "SELECT security_stamp FROM window_users WHERE username = @username", [("username", username)]);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>
    /// Gives the account a new security stamp, which ends every session it has on every host ("sign out everywhere");
    /// <see langword="false"/> when there is no such user.
    /// </summary>
    public async Task<bool> RenewSecurityStampAsync(string username, CancellationToken cancellationToken = default) =>
        await ExecuteAsync("UPDATE window_users SET security_stamp = @stamp WHERE username = @username",
            [("username", username), ("stamp", NewStamp())], cancellationToken) == 1;

    /// <summary>Records a new session; drops the account's sessions that have ended on their own.</summary>
    public async Task StartSessionAsync(string sessionId, string username, string? stamp, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        await ExecuteAsync("DELETE FROM window_sessions WHERE username = @username AND (expires_at < @now OR revoked_at IS NOT NULL)",
            [("username", username), ("now", Time(now))], cancellationToken);
        await ExecuteAsync(
            "INSERT INTO window_sessions (session_id, username, stamp, created_at, expires_at) VALUES (@id, @username, @stamp, @now, @expires)",
            [("id", sessionId), ("username", username), ("stamp", stamp), ("now", Time(now)), ("expires", Time(expiresAt))], cancellationToken);
    }

    /// <summary>The session and its account as they are now, or <see langword="null"/> when there is no such session.</summary>
    public async Task<SessionRecord?> FindSessionAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection,
            """
            SELECT s.username, s.stamp, s.expires_at, s.revoked_at, u.security_stamp, u.role, u.department_id, u.active
            FROM window_sessions s LEFT JOIN window_users u ON u.username = s.username
            WHERE s.session_id = @id
            """, [("id", sessionId)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var hasAccount = !reader.IsDBNull(5);
        return new SessionRecord(
            reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            ReadTime(reader, 2),
            !reader.IsDBNull(3),
            hasAccount ? reader.GetString(4) : null,
            hasAccount ? reader.GetString(5) : null,
            reader.IsDBNull(6) ? null : reader.GetString(6),
            hasAccount ? ReadBool(reader, 7) : null);
    }

    /// <summary>Ends one session (sign-out).</summary>
    public Task RevokeSessionAsync(string sessionId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE window_sessions SET revoked_at = @now WHERE session_id = @id AND revoked_at IS NULL",
            [("id", sessionId), ("now", Time(now))], cancellationToken);

    /// <summary>
    /// Counts an attempt from <paramref name="source"/> as a failure before its password is checked, in one statement,
    /// so that parallel guesses cannot get more than <paramref name="limit"/> checks through: the attempt is allowed
    /// while the source has fewer than <paramref name="limit"/> failures since <paramref name="resetBefore"/> and no
    /// lock, or its lock has ended. A success clears the count (<see cref="ForgetSignInSourceAsync"/>).
    /// </summary>
    public async Task<SignInReservation> ReserveSignInAsync(string source, int limit, DateTimeOffset now, DateTimeOffset resetBefore, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using (var reserve = Command(connection,
            """
            INSERT INTO window_sign_in_sources (source, failures, last_attempt, locked_until) VALUES (@source, 1, @now, NULL)
            ON CONFLICT (source) DO UPDATE SET
                failures = CASE WHEN window_sign_in_sources.locked_until IS NOT NULL OR window_sign_in_sources.last_attempt < @reset
                                THEN 1 ELSE window_sign_in_sources.failures + 1 END,
                last_attempt = @now,
                locked_until = NULL
            WHERE (window_sign_in_sources.locked_until IS NULL
                   AND (window_sign_in_sources.failures < @limit OR window_sign_in_sources.last_attempt < @reset))
               OR window_sign_in_sources.locked_until <= @now
            RETURNING failures
            """,
            [("source", source), ("now", Time(now)), ("reset", Time(resetBefore)), ("limit", limit)]))
        {
            if (await reserve.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return new SignInReservation(true, null);
            }
        }

        await using var locked = Command(connection, "SELECT locked_until FROM window_sign_in_sources WHERE source = @source", [("source", source)]);
        await using var reader = await locked.ExecuteReaderAsync(cancellationToken);
        return new SignInReservation(false, await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0) ? ReadTime(reader, 0) : null);
    }

    /// <summary>Gives back an attempt counted by <see cref="ReserveSignInAsync"/> that never checked a password.</summary>
    public Task ReleaseSignInAsync(string source, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE window_sign_in_sources SET failures = failures - 1 WHERE source = @source AND failures > 0", [("source", source)], cancellationToken);

    /// <summary>The reserved attempt failed: the <paramref name="limit"/>th failure locks the source until <paramref name="lockedUntil"/>.</summary>
    public Task RecordSignInFailureAsync(string source, int limit, DateTimeOffset lockedUntil, CancellationToken cancellationToken = default) =>
        ExecuteAsync("UPDATE window_sign_in_sources SET locked_until = CASE WHEN failures >= @limit THEN @until ELSE NULL END WHERE source = @source",
            [("source", source), ("limit", limit), ("until", Time(lockedUntil))], cancellationToken);

    /// <summary>A successful sign-in forgets the source's failures.</summary>
    public Task ForgetSignInSourceAsync(string source, CancellationToken cancellationToken = default) =>
        ExecuteAsync("DELETE FROM window_sign_in_sources WHERE source = @source", [("source", source)], cancellationToken);

    private static string NewStamp() => Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);
}
