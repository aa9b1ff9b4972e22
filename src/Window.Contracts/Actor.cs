namespace Window.Contracts;

/// <summary>The staff roles of Window.</summary>
public static class Roles
{
    public const string FrontDesk = "desk";
    public const string Officer = "officer";
    public const string Department = "department";
    public const string Supervisor = "supervisor";
    public const string Administrator = "admin";
    public const string System = "system";
    public const string Talent = "talent";
}

/// <summary>Who issues a command: a user name (never a talent's personal data), a role and, for department staff, the department.</summary>
[GenerateSerializer, Immutable, Alias("window.actor.v1")]
public sealed record Actor(
    [property: Id(0)] string User,
    [property: Id(1)] string Role,
    [property: Id(2)] string? Department)
{
    /// <summary>Time itself (waits elapsing, lights changing).</summary>
    public static Actor System { get; } = new("system", Roles.System, null);
}

/// <summary>
/// What every command carries: the client's idempotency key, a hash of the request that used it (the same key
/// with another request is refused) and the actor.
/// </summary>
[GenerateSerializer, Immutable, Alias("window.command-meta.v1")]
public sealed record CommandMeta(
    [property: Id(0)] string IdempotencyKey,
    [property: Id(1)] string RequestHash,
    [property: Id(2)] Actor Actor);
