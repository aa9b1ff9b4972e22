using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Window.Contracts;
using Window.Host.Privacy;
using Window.Workflows.Catalog;

namespace Window.Bench;

/// <summary>The bench bundle: five wait-free items (nine review steps in five departments), from the catalogue.</summary>
internal sealed record JourneyPlan(string Bundle, IReadOnlyList<string> Materials, IReadOnlyList<(string StepId, string Department)> Steps)
{
    public const string BundleId = "bench-wait-free";

    /// <summary>Every required material, and the steps in an order the engine accepts (each item's first steps, then their successors).</summary>
    public static JourneyPlan From(WorkflowCatalog catalog)
    {
        var bundle = catalog.LatestBundle(BundleId) ?? throw new InvalidOperationException($"The catalogue has no bundle {BundleId}.");
        var items = bundle.Items.Select(id => catalog.LatestItem(id)!).ToList();
        var materials = items.SelectMany(item => item.Materials).Where(m => m.Required).Select(m => m.Id).Distinct(StringComparer.Ordinal).ToList();
        var steps = new List<(string, string)>();
        for (var depth = 0; items.Any(item => item.Steps.Count > depth); depth++)
        {
            foreach (var item in items.Where(item => item.Steps.Count > depth))
            {
                var step = item.Steps[depth];
                steps.Add(($"{item.Id}.{step.Id}", step.Department ?? throw new InvalidOperationException($"{item.Id}.{step.Id} has no department.")));
            }
        }

        return new JourneyPlan(BundleId, materials, steps);
    }

    public int Commands => Steps.Count + 2;
}

/// <summary>The journey on the grains directly, as the API would drive them (desk opens and delivers, departments approve).</summary>
internal sealed class GrainJourney(IGrainFactory grains, JourneyPlan plan, byte[] sealedIdentity, string run) : IJourney
{
    private static readonly Actor Desk = new("desk", Roles.FrontDesk, null);

    public int Commands => plan.Commands;

    public static GrainJourney For(BenchHost host, JourneyPlan plan, string run) =>
        new(host.Grains, plan, host.Services.GetRequiredService<PersonalDataProtector>().Seal(new TalentIdentity("张三丰", "330106198001011234", "13812345678")), run);

    public async Task<bool> RunAsync(long number, long scheduled, Recorder recorder, CancellationToken cancellationToken)
    {
        var grain = grains.GetGrain<ICaseGrain>(string.Create(CultureInfo.InvariantCulture, $"bench-{run}-{number}"));
        var open = new OpenCase(Meta(Desk), string.Create(CultureInfo.InvariantCulture, $"t-bench-{run}-{number}"), sealedIdentity, "C", [plan.Bundle], plan.Materials, []);
        if (!await TimedAsync(() => grain.OpenAsync(open), scheduled, recorder))
        {
            return false;
        }

        foreach (var (stepId, department) in plan.Steps)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var command = new CompleteStepCommand(Meta(new Actor(department, Roles.Department, department)), stepId, "approve", null, []);
            if (!await TimedAsync(() => grain.ExecuteAsync(command), Stopwatch.GetTimestamp(), recorder))
            {
                return false;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return await TimedAsync(() => grain.ExecuteAsync(new DeliverResultCommand(Meta(Desk), "post")), Stopwatch.GetTimestamp(), recorder);
    }

    private static CommandMeta Meta(Actor actor)
    {
        var key = Guid.NewGuid().ToString("N");
        return new CommandMeta(key, key, actor);
    }

    private static async Task<bool> TimedAsync(Func<Task<CaseOutcome>> command, long started, Recorder recorder)
    {
        var outcome = await command();
        recorder.Command(started, Stopwatch.GetTimestamp());
        if (!outcome.Succeeded)
        {
            recorder.Error();
            Errors.Note($"{outcome.Status} {outcome.Code}: {outcome.Message}");
        }

        return outcome.Succeeded;
    }
}

/// <summary>The same journey through the HTTP API, signed in as the demo users (cookie, anti-forgery header, Idempotency-Key).</summary>
internal sealed class HttpJourney : IJourney, IDisposable
{
    private const string Password = "window-demo";
    private readonly JourneyPlan plan;
    private readonly Dictionary<string, HttpClient> clients;
    private readonly string run;

    private HttpJourney(JourneyPlan plan, Dictionary<string, HttpClient> clients, string run)
    {
        this.plan = plan;
        this.clients = clients;
        this.run = run;
    }

    public int Commands => plan.Commands;

    public static async Task<HttpJourney> SignInAsync(Uri address, JourneyPlan plan, string run)
    {
        var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        foreach (var user in plan.Steps.Select(step => step.Department).Prepend("desk").Distinct(StringComparer.Ordinal))
        {
            var cookies = new CookieContainer();
            var client = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, UseCookies = true, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            {
                BaseAddress = address,
                Timeout = TimeSpan.FromMinutes(2),
            };
            using var response = await client.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { username = user, password = Password });
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Sign-in as {user} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            var token = cookies.GetCookies(address)["XSRF-TOKEN"]?.Value ?? throw new InvalidOperationException("No XSRF-TOKEN cookie after sign-in.");
            client.DefaultRequestHeaders.Add("X-XSRF-TOKEN", token);
            clients[user] = client;
        }

        return new HttpJourney(plan, clients, run);
    }

    public async Task<bool> RunAsync(long number, long scheduled, Recorder recorder, CancellationToken cancellationToken)
    {
        var talent = new { name = "张三丰", idNumber = IdNumber(number), phone = "13812345678", tier = "C" };
        var (opened, body) = await PostAsync(clients["desk"], "/api/cases",
            new { talent, items = new[] { plan.Bundle }, materials = plan.Materials, deferred = Array.Empty<object>() }, scheduled, recorder, cancellationToken);
        if (!opened)
        {
            return false;
        }

        var caseId = body.GetProperty("id").GetString()!;
        foreach (var (stepId, department) in plan.Steps)
        {
            if (!(await PostAsync(clients[department], $"/api/cases/{caseId}/steps/{stepId}/complete", new { outcome = "approve" }, Stopwatch.GetTimestamp(), recorder, cancellationToken)).Ok)
            {
                return false;
            }
        }

        return (await PostAsync(clients["desk"], $"/api/cases/{caseId}/delivery", new { method = "post" }, Stopwatch.GetTimestamp(), recorder, cancellationToken)).Ok;
    }

    public void Dispose()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }

    /// <summary>A valid resident ID number of its own for every journey (a talent holds one open case per item).</summary>
    private string IdNumber(long number)
    {
        var run = (uint)this.run.GetHashCode(StringComparison.Ordinal) % 90;
        var birth = new DateOnly(1960, 1, 1).AddDays((int)(number / 1000 % 15000));
        var first17 = string.Create(CultureInfo.InvariantCulture, $"33{run + 10:D2}06{birth:yyyyMMdd}{number % 1000:D3}");
        return first17 + IdNumbers.CheckCharacter(first17);
    }

    private static async Task<(bool Ok, JsonElement Body)> PostAsync(
        HttpClient client, string path, object body, long started, Recorder recorder, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await client.SendAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        recorder.Command(started, Stopwatch.GetTimestamp());
        if (!response.IsSuccessStatusCode)
        {
            recorder.Error();
            Errors.Note($"{(int)response.StatusCode} {path}: {System.Text.Encoding.UTF8.GetString(bytes)}");
            return (false, default);
        }

        // Only the opening's answer is read (for the case id); the others are received whole but not parsed.
        return (true, path == "/api/cases" ? JsonDocument.Parse(bytes).RootElement : default);
    }
}

/// <summary>The first few distinct failures, for the report (a failing run must say why).</summary>
internal static class Errors
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Seen = new(StringComparer.Ordinal);

    public static void Note(string message)
    {
        var key = message.Length > 300 ? message[..300] : message;
        if (Seen.Count < 20)
        {
            Seen.AddOrUpdate(key, 1, (_, count) => count + 1);
        }
        else
        {
            Seen.TryUpdate(key, Seen.GetValueOrDefault(key) + 1, Seen.GetValueOrDefault(key));
        }
    }

    public static IReadOnlyList<string> Drain()
    {
        var list = Seen.OrderByDescending(pair => pair.Value).Select(pair => $"{pair.Value} × {pair.Key}").ToList();
        Seen.Clear();
        return list;
    }
}
