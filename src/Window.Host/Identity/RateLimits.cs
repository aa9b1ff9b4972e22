using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Window.Host.Api;

namespace Window.Host.Identity;

/// <summary>
/// The limits against guessing (<c>Window:RateLimits:*</c>, documented in the README). Windows are fixed: a refused
/// client is told exactly when to come back (<c>Retry-After</c>).
/// </summary>
public sealed class RateLimitSettings
{
    public LoginLimits Login { get; set; } = new();

    public PublicLimits Public { get; set; } = new();

    public static RateLimitSettings From(IConfiguration configuration) =>
        configuration.GetSection("Window:RateLimits").Get<RateLimitSettings>() ?? new RateLimitSettings();

    /// <summary>Sign-in (the API and the <c>/login</c> page alike).</summary>
    public sealed class LoginLimits
    {
        /// <summary>
        /// Sign-in requests per client address and window. A whole office may sit behind one address, so this is a
        /// flood brake (a morning's sign-ins pass), not the guessing limit: that is <see cref="FailuresPerSource"/>.
        /// </summary>
        public int PerClient { get; set; } = 30;

        public TimeSpan PerClientWindow { get; set; } = TimeSpan.FromMinutes(1);

        /// <summary>
        /// Attempts per user name and window from all addresses together, against guessing from many addresses. It is
        /// far above what one source may try (<see cref="FailuresPerSource"/> per <see cref="SourceLockout"/>), so that
        /// locking a colleague out takes a dozen addresses, and then only until the window ends.
        /// </summary>
        public int PerUser { get; set; } = 60;

        public TimeSpan PerUserWindow { get; set; } = TimeSpan.FromMinutes(15);

        /// <summary>Failed sign-ins in a row from one source (client address and user name) that make it wait <see cref="SourceLockout"/>.</summary>
        public int FailuresPerSource { get; set; } = 5;

        public TimeSpan SourceLockout { get; set; } = TimeSpan.FromMinutes(15);
    }

    /// <summary>The talents' progress lookup and rating, which need no sign-in.</summary>
    public sealed class PublicLimits
    {
        /// <summary>Public requests (lookups and ratings) per client address and window.</summary>
        public int PerClient { get; set; } = 60;

        public TimeSpan PerClientWindow { get; set; } = TimeSpan.FromMinutes(1);

        /// <summary>
        /// Wrong lookup codes per case number and window, from anywhere; then every lookup and rating of that number
        /// is refused until the window ends, so that a guessed code cannot be told from a wrong one.
        /// </summary>
        public int WrongCodesPerCase { get; set; } = 10;

        public TimeSpan WrongCodeWindow { get; set; } = TimeSpan.FromHours(1);
    }
}

/// <summary>
/// ASP.NET Core's rate limiter in front of sign-in and the public API (per client address), and the limiters that
/// need to know what a request was about (per user name, wrong codes per case number).
/// </summary>
public sealed class RateLimits(RateLimitSettings settings) : IDisposable
{
    private readonly PartitionedRateLimiter<string> perUser = PartitionedRateLimiter.Create<string, string>(user =>
        RateLimitPartition.GetFixedWindowLimiter(user, _ => Window(settings.Login.PerUser, settings.Login.PerUserWindow)));

    private readonly PartitionedRateLimiter<string> wrongCodes = PartitionedRateLimiter.Create<string, string>(number =>
        RateLimitPartition.GetFixedWindowLimiter(number, _ => Window(settings.Public.WrongCodesPerCase, settings.Public.WrongCodeWindow)));

    private readonly PartitionedRateLimiter<HttpContext> requests = PartitionedRateLimiter.Create<HttpContext, string>(http => Partition(settings, http));

    public RateLimitSettings Settings => settings;

    /// <summary>Takes the request's permit from the per-address limiter (<see cref="Partition"/>); no queue, so at once.</summary>
    public RateLimitLease AttemptRequest(HttpContext http) => requests.AttemptAcquire(http);

    /// <summary>The client's address as the server sees it (after forwarded headers, when a proxy is trusted).</summary>
    public static string ClientAddress(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        return http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
    }

    /// <summary>
    /// The source of a sign-in attempt as stored: a hash of client address and user name, so that the table of
    /// failures holds neither.
    /// </summary>
    public static string SignInSource(HttpContext http, string username) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{ClientAddress(http)}\n{username.ToUpperInvariant()}")));

    /// <summary>Takes one sign-in attempt of the user name; the wait when none is left.</summary>
    public TimeSpan? TakeSignIn(string username) => Take(perUser, username.ToUpperInvariant(), 1, settings.Login.PerUserWindow);

    /// <summary>Whether lookups of the case number are refused for now (too many wrong codes); the wait if so.</summary>
    public TimeSpan? CodesExhausted(string number) => Take(wrongCodes, number.ToUpperInvariant(), 0, settings.Public.WrongCodeWindow);

    /// <summary>Counts a wrong code for the case number.</summary>
    public void WrongCode(string number) => Take(wrongCodes, number.ToUpperInvariant(), 1, settings.Public.WrongCodeWindow);

    /// <summary>The 429 problem with its <c>Retry-After</c> (whole seconds, rounded up).</summary>
    public static IResult TooMany(HttpContext http, TimeSpan retryAfter)
    {
        ArgumentNullException.ThrowIfNull(http);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Create(StatusCodes.Status429TooManyRequests, "rate_limited", $"Too many attempts: try again in {seconds} seconds.", null, [],
            new Dictionary<string, object?> { ["retryAfter"] = seconds });
    }

    /// <summary>The per-address limiter of the middleware: sign-in posts and the public API; everything else passes.</summary>
    private static RateLimitPartition<string> Partition(RateLimitSettings settings, HttpContext http)
    {
        var path = http.Request.Path;
        if (HttpMethods.IsPost(http.Request.Method) && (path.Equals("/api/auth/login", StringComparison.OrdinalIgnoreCase) || path.Equals("/login", StringComparison.OrdinalIgnoreCase)))
        {
            return RateLimitPartition.GetFixedWindowLimiter("login " + ClientAddress(http), _ => Window(settings.Login.PerClient, settings.Login.PerClientWindow));
        }

        if (path.StartsWithSegments("/api/public", StringComparison.OrdinalIgnoreCase))
        {
            return RateLimitPartition.GetFixedWindowLimiter("public " + ClientAddress(http), _ => Window(settings.Public.PerClient, settings.Public.PerClientWindow));
        }

        return RateLimitPartition.GetNoLimiter("none");
    }

    internal static TimeSpan RetryAfter(RateLimitLease lease, TimeSpan window) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : window;

    public void Dispose()
    {
        perUser.Dispose();
        wrongCodes.Dispose();
        requests.Dispose();
    }

    private static TimeSpan? Take(PartitionedRateLimiter<string> limiter, string key, int permits, TimeSpan window)
    {
        using var lease = limiter.AttemptAcquire(key, permits);
        return lease.IsAcquired ? null : RetryAfter(lease, window);
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };
}

/// <summary>Wires the limits.</summary>
public static class RateLimitHosting
{
    public static WebApplicationBuilder AddWindowRateLimits(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var settings = RateLimitSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<RateLimits>();
        return builder;
    }

    /// <summary>
    /// The per-address limit in front of sign-in and the public API: a refused request is a 429 problem and a security
    /// event. Not ASP.NET Core's rate-limiting middleware: that one builds an endpoint limiter whose replenishing timer it
    /// never disposes, and the timer kept the whole request pipeline, and with it the host's services, alive for ever
    /// (harmless with one host per process, ~60 MB per host in the functional tests). This limiter is the host's own
    /// (<see cref="RateLimits"/>) and is disposed with it.
    /// </summary>
    public static WebApplication UseWindowRateLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var limits = app.Services.GetRequiredService<RateLimits>();
        app.Use(async (http, next) =>
        {
            using var lease = limits.AttemptRequest(http);
            if (lease.IsAcquired)
            {
                await next(http);
                return;
            }

            var actor = Actors.Of(http.User);
            http.RequestServices.GetRequiredService<SecurityEvents>().Denied(
                StatusCodes.Status429TooManyRequests, actor.User, actor.Role, http.Request.Method, http.Request.Path, "rate limit of the client address");
            await RateLimits.TooMany(http, RateLimits.RetryAfter(lease, TimeSpan.FromMinutes(1))).ExecuteAsync(http);
        });
        return app;
    }
}
