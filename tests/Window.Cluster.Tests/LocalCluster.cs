using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Npgsql;
using Window.Storage;
using Window.Storage.Identity;
using Window.Testing;

namespace Window.Cluster.Tests;

/// <summary>
/// Three host processes of the cluster profile on one private PostgreSQL database, with a catalogue that adds a
/// wait-free five-department bundle (so journeys finish on the real clock) and staff accounts created directly.
/// </summary>
public sealed class LocalCluster : IAsyncDisposable
{
    public const string Password = "cluster-test-password";
    public const string Bundle = "settle-in-now";
    public static readonly string[] Departments = ["health", "housing", "public-security", "hrss", "finance"];
    private readonly HostProcess?[] hosts;
    private readonly Dictionary<string, string> environment;
    private readonly TempDirectory folder;

    private LocalCluster(int size, Dictionary<string, string> environment, TempDirectory folder, string connectionString)
    {
        hosts = new HostProcess?[size];
        this.environment = environment;
        this.folder = folder;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public int Size => hosts.Length;

    /// <summary>Time since the cluster started: the one clock of every client's attempts and of the faults.</summary>
    public System.Diagnostics.Stopwatch Clock { get; } = System.Diagnostics.Stopwatch.StartNew();

    public static async Task<LocalCluster> StartAsync(PostgresServer postgres, int size = 3)
    {
        var folder = new TempDirectory("window-cluster");
        // The tests' server acknowledges commits before their WAL is flushed; a crash of it would lose acknowledged changes
        // that a production server keeps. The cluster's own sessions commit durably, so "nothing acknowledged is lost" holds.
        var connectionString = new NpgsqlConnectionStringBuilder(await postgres.CreateDatabaseAsync("cluster"))
        {
            Options = "-c synchronous_commit=on",
        }.ConnectionString;
        var workflows = Path.Combine(folder.Path, "workflows");
        CopyDirectory(Path.Combine(RepositoryPaths.Root, "workflows"), workflows);
        await File.WriteAllTextAsync(Path.Combine(workflows, $"{Bundle}.json"), $$"""
            {
              "kind": "bundle", "id": "{{Bundle}}", "version": 1,
              "name": { "zh": "人才安居一件事（无等待）", "en": "Settling in without waits" },
              "caseType": "joint", "statutoryDays": 45, "warning": { "daysLeft": 2 },
              "items": ["medical-checkup", "talent-apartment", "household-registration", "spouse-employment", "living-allowance"]
            }
            """);
        var environment = new Dictionary<string, string>
        {
            ["Window__Profile"] = "Cluster",
            ["Window__Database__ConnectionString"] = connectionString,
            ["Window__Secrets__MasterKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
            ["Window__WorkflowsDir"] = workflows,
            ["Window__Orleans__ClusterId"] = "cluster-test",
            ["Window__Orleans__AdvertisedAddress"] = "127.0.0.1",
            ["Window__Sla__WatchPeriod"] = "00:00:05",
        };
        var cluster = new LocalCluster(size, environment, folder, connectionString);
        await new DatabaseMigrator(WindowDatabase.PostgreSql(connectionString), Microsoft.Extensions.Logging.Abstractions.NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
        await cluster.CreateStaffAsync();
        for (var i = 0; i < size; i++)
        {
            cluster.Start(i);
        }

        await Task.WhenAll(cluster.hosts.Select(h => h!.WaitUntilReadyAsync(TimeSpan.FromSeconds(90))));
        return cluster;
    }

    public Uri BaseAddress(int host) => hosts[host]?.BaseAddress ?? throw new InvalidOperationException($"Host {host} is down.");

    public bool IsUp(int host) => hosts[host] is not null;

    public void Start(int host)
    {
        var env = new Dictionary<string, string>(environment)
        {
            ["Window__Orleans__SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Window__Orleans__GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        hosts[host] = HostProcess.Start(env, "--config", Path.Combine(RepositoryPaths.Root, "silo-config", "cluster.json"));
    }

    public Task WaitUntilReadyAsync(int host) => hosts[host]!.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));

    /// <summary>SIGKILL: no goodbye, no hand-over.</summary>
    public async Task KillAsync(int host)
    {
        await hosts[host]!.DisposeAsync();
        hosts[host] = null;
    }

    /// <summary>SIGTERM: a graceful stop that hands grains over.</summary>
    public async Task StopAsync(int host)
    {
        await hosts[host]!.StopAsync();
        await hosts[host]!.DisposeAsync();
        hosts[host] = null;
    }

    public string Output(int host) => hosts[host]?.Output ?? "";

    public async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in hosts.Where(h => h is not null))
        {
            await host!.DisposeAsync();
        }

        folder.Dispose();
    }

    private async Task CreateStaffAsync()
    {
        var store = new UserStore(WindowDatabase.PostgreSql(ConnectionString));
        var hasher = new PasswordHasher<UserRecord>();
        var catalog = Workflows.Catalog.WorkflowCatalog.Load(environment["Window__WorkflowsDir"]);
        await store.EnsureDepartmentsAsync(catalog.Departments.Values.Select(d => new DepartmentRecord(d.Id, d.Name.Zh, d.Name.En, true)));
        var accounts = new List<(string, string, string?)> { ("desk", "desk", null), ("officer", "officer", null), ("supervisor", "supervisor", null) };
        accounts.AddRange(catalog.Departments.Keys.Select(d => (d, "department", (string?)d)));
        foreach (var (user, role, department) in accounts)
        {
            var record = new UserRecord(user, user, role, department, "", 0, null, true);
            await store.CreateAsync(record with { PasswordHash = hasher.HashPassword(record, Password) }, DateTimeOffset.UtcNow);
        }
    }

    private static void CopyDirectory(string source, string target)
    {
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }
}

/// <summary>A signed-in user who talks to every host of the cluster, moving on to the next when one fails.</summary>
public sealed class ClusterClient : IDisposable
{
    private readonly LocalCluster cluster;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, HttpClient> clients = new();
    private readonly string user;
    private readonly System.Net.CookieContainer cookies = new();
    private string token = "";

    private ClusterClient(LocalCluster cluster, string user)
    {
        this.cluster = cluster;
        this.user = user;
    }

    private int retries;

    /// <summary>
    /// Commands acknowledged (2xx) to this client, by idempotency key. Concurrent: one client serves every journey at
    /// once, and a plain list lost an acknowledgement now and then when two answers arrived together.
    /// </summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Acknowledged { get; } = new();

    /// <summary>Every attempt (reads and changes): when it ended on <see cref="LocalCluster.Clock"/> and whether it got its answer.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<(TimeSpan At, bool Answered)> Attempts { get; } = new();

    /// <summary>Answers that were server errors other than 503 (which a client retries): none may come.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> ServerErrors { get; } = new();

    /// <summary>503 answers (a busy host, retried with the same key).</summary>
    public int Unavailable => Volatile.Read(ref unavailable);

    private int unavailable;

    /// <summary>Attempts that failed in transport or with a 5xx and were retried with the same key.</summary>
    public int Retries => Volatile.Read(ref retries);

    /// <summary>The longest time from a command's first attempt to its answer: what a failover costs a client.</summary>
    public TimeSpan LongestCommand { get; private set; }

    /// <summary>The attempts of the command that took <see cref="LongestCommand"/>: host, answer and time of each.</summary>
    public string SlowestCommand { get; private set; } = "";

    private readonly Lock slowestGate = new();

    public static async Task<ClusterClient> SignInAsync(LocalCluster cluster, string user)
    {
        var client = new ClusterClient(cluster, user);
        using var login = await client.SendAsync(0, HttpMethod.Post, "/api/auth/login", new { username = user, password = LocalCluster.Password }, key: null);
        login.EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>A GET, retried on the other hosts while one is down.</summary>
    public async Task<T> GetAsync<T>(string path, int preferredHost)
    {
        for (var attempt = 0; ; attempt++)
        {
            var host = (preferredHost + attempt) % cluster.Size;
            try
            {
                using var response = await SendAsync(host, HttpMethod.Get, path, null, null);
                Record(response, $"GET {path}", await response.Content.ReadAsStringAsync());
                if (response.IsSuccessStatusCode)
                {
                    return (await response.Content.ReadFromJsonAsync<T>(JsonSerializerOptions.Web))!;
                }

                if ((int)response.StatusCode < 500)
                {
                    throw new InvalidOperationException($"GET {path} on host {host}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && attempt < 60)
            {
                Attempts.Enqueue((cluster.Clock.Elapsed, false));
            }

            await Task.Delay(500);
        }
    }

    /// <summary>
    /// A change with one Idempotency-Key, retried with the same key (on the next host) until it gets an answer that
    /// is not a transport failure or a 5xx: what a careful client does after a timeout.
    /// </summary>
    public async Task<(int Status, string Body)> CommandAsync(string path, object body, int preferredHost)
    {
        var key = Guid.NewGuid().ToString("N");
        var started = System.Diagnostics.Stopwatch.StartNew();
        var story = new System.Text.StringBuilder($"POST {path} from +{cluster.Clock.Elapsed.TotalSeconds:F1} s:");
        for (var attempt = 0; ; attempt++)
        {
            if (attempt > 0)
            {
                Interlocked.Increment(ref retries);
            }

            var host = (preferredHost + attempt) % cluster.Size;
            try
            {
                using var response = await SendAsync(host, HttpMethod.Post, path, body, key);
                var text = await response.Content.ReadAsStringAsync();
                Record(response, $"POST {path}", text);
                story.Append(System.Globalization.CultureInfo.InvariantCulture, $" host {host} {(int)response.StatusCode} after {started.Elapsed.TotalSeconds:F1} s;");
                if ((int)response.StatusCode < 500 && response.StatusCode != System.Net.HttpStatusCode.Conflict || (response.StatusCode == System.Net.HttpStatusCode.Conflict && !text.Contains("request_in_progress", StringComparison.Ordinal)))
                {
                    if (response.IsSuccessStatusCode)
                    {
                        Acknowledged.Enqueue(key);
                    }

                    lock (slowestGate)
                    {
                        if (started.Elapsed > LongestCommand)
                        {
                            LongestCommand = started.Elapsed;
                            SlowestCommand = story.ToString();
                        }
                    }

                    return ((int)response.StatusCode, text);
                }
            }
            catch (Exception exception) when ((exception is HttpRequestException or TaskCanceledException) && attempt < 120)
            {
                Attempts.Enqueue((cluster.Clock.Elapsed, false));
                story.Append(System.Globalization.CultureInfo.InvariantCulture, $" host {host} {exception.GetType().Name} after {started.Elapsed.TotalSeconds:F1} s;");
            }

            if (attempt >= 120)
            {
                throw new TimeoutException($"{user}: POST {path} got no answer after {attempt} attempts.");
            }

            await Task.Delay(500);
        }
    }

    private void Record(HttpResponseMessage response, string request, string body)
    {
        var status = (int)response.StatusCode;
        var answered = status < 500 && !body.Contains("request_in_progress", StringComparison.Ordinal);
        Attempts.Enqueue((cluster.Clock.Elapsed, answered));
        if (status == 503)
        {
            Interlocked.Increment(ref unavailable);
        }
        else if (status >= 500)
        {
            ServerErrors.Enqueue($"{status} {request}: {body}");
        }
    }

    public void Dispose()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }

    private async Task<HttpResponseMessage> SendAsync(int host, HttpMethod method, string path, object? body, string? key)
    {
        if (!cluster.IsUp(host))
        {
            throw new HttpRequestException($"host {host} is down");
        }

        // The same cookie jar on every host: a sign-in on one host must be honoured by all (shared key ring). Journeys
        // run concurrently, so the first client of a host is made once.
        var client = clients.GetOrAdd(host, _ =>
            new HttpClient(new HttpClientHandler { CookieContainer = cookies, UseCookies = true }) { Timeout = TimeSpan.FromSeconds(40) });

        using var request = new HttpRequestMessage(method, new Uri(cluster.BaseAddress(host), path));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        if (token.Length > 0)
        {
            request.Headers.Add("X-XSRF-TOKEN", token);
        }

        var response = await client.SendAsync(request);
        foreach (System.Net.Cookie cookie in cookies.GetAllCookies())
        {
            if (cookie.Name == "XSRF-TOKEN")
            {
                token = cookie.Value;
            }
        }

        return response;
    }
}
