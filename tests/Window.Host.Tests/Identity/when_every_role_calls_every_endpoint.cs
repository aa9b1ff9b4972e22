using System.Net.Http.Json;
using Window.Host.Api;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Identity;

/// <summary>
/// The access matrix: every endpoint × every role (department staff of a department the case reaches and of one
/// it does not, the case's own officer and another officer) × anonymous, against the table below. "ok" means the
/// request passed authorization (its answer may still be a business refusal such as 409 or 422).
/// </summary>
public sealed class when_every_role_calls_every_endpoint(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private static readonly string[] Actors = ["anonymous", "desk", "officer", "officer2", "health", "finance", "supervisor", "admin"];
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    /// <summary>Expected answer per actor, in the order of <see cref="Actors"/>.</summary>
    private static readonly (string Name, string Method, string Path, Func<Target, object?>? Body, string[] Expected)[] Matrix =
    [
        ("catalog", "GET", "/api/catalog", null, ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"]),
        ("open case", "POST", "/api/cases", t => t.OpenBody, ["401", "ok", "403", "403", "403", "403", "403", "403"]),
        ("search", "GET", "/api/cases", null, ["401", "ok", "ok", "ok", "ok", "ok", "ok", "403"]),
        ("header search", "POST", "/api/cases/search", t => new { query = t.Number }, ["401", "ok", "ok", "ok", "ok", "ok", "ok", "403"]),
        ("case", "GET", "/api/cases/{id}", null, ["401", "ok", "ok", "ok", "ok", "404", "ok", "403"]),
        ("timeline", "GET", "/api/cases/{id}/timeline", null, ["401", "ok", "ok", "ok", "ok", "404", "ok", "403"]),
        ("claim", "POST", "/api/cases/{id}/steps/medical-checkup.checkup-arrangement/claim", _ => new { }, ["401", "403", "403", "403", "ok", "404", "403", "403"]),
        ("release", "POST", "/api/cases/{id}/steps/medical-checkup.checkup-arrangement/release", _ => new { }, ["401", "403", "403", "403", "ok", "404", "403", "403"]),
        ("complete", "POST", "/api/cases/{id}/steps/medical-checkup.checkup-arrangement/complete", _ => new { outcome = "approve" }, ["401", "403", "403", "403", "ok", "404", "403", "403"]),
        ("supplements", "POST", "/api/cases/{id}/supplements", _ => new { materials = new[] { "photo" } }, ["401", "403", "ok", "403", "403", "403", "403", "403"]),
        ("visits", "POST", "/api/cases/{id}/visits", _ => new { purpose = "咨询" }, ["401", "ok", "ok", "403", "403", "403", "403", "403"]),
        ("reassign", "POST", "/api/cases/{id}/officer", _ => new { officer = "officer2" }, ["401", "403", "403", "403", "403", "403", "ok", "403"]),
        ("delivery", "POST", "/api/cases/{id}/delivery", _ => new { method = "post" }, ["401", "ok", "ok", "403", "403", "403", "403", "403"]),
        ("evaluation", "POST", "/api/cases/{id}/evaluation", _ => new { level = 5 }, ["401", "ok", "403", "403", "403", "403", "403", "403"]),
        ("withdrawal", "POST", "/api/cases/{id}/withdrawal", _ => new { reason = "不再需要" }, ["401", "ok", "ok", "403", "403", "403", "403", "403"]),
        ("reveal", "POST", "/api/cases/{id}/talent/reveal", _ => new { field = "phone", reason = "电话联系补正" }, ["401", "ok", "ok", "403", "403", "403", "403", "403"]),
        ("extension", "POST", "/api/cases/{id}/extension", _ => new { days = 5, reason = "需专家论证" }, ["401", "403", "ok", "403", "403", "403", "403", "403"]),
        ("extension decision", "POST", "/api/cases/{id}/extension/decision", _ => new { approve = true }, ["401", "403", "403", "403", "403", "403", "ok", "403"]),
        ("suspension", "POST", "/api/cases/{id}/suspension", _ => new { reason = "等待裁定" }, ["401", "403", "ok", "403", "403", "403", "403", "403"]),
        ("suspension decision", "POST", "/api/cases/{id}/suspension/decision", _ => new { approve = true }, ["401", "403", "403", "403", "403", "403", "ok", "403"]),
        ("resumption", "POST", "/api/cases/{id}/resumption", _ => new { }, ["401", "403", "ok", "403", "403", "403", "403", "403"]),
        ("termination", "POST", "/api/cases/{id}/termination", _ => new { reason = "申请人离开本市" }, ["401", "403", "ok", "403", "403", "403", "403", "403"]),
        ("termination decision", "POST", "/api/cases/{id}/termination/decision", _ => new { approve = false }, ["401", "403", "403", "403", "403", "403", "ok", "403"]),
        ("supplement extension", "POST", "/api/cases/{id}/supplement-extension", _ => new { supplement = "deferred", due = "2026-12-30", reason = "出差" }, ["401", "403", "ok", "403", "403", "403", "403", "403"]),
        ("item closure", "POST", "/api/cases/{id}/items/medical-checkup/closure", _ => new { reason = "逾期未补正" }, ["401", "403", "ok", "403", "403", "403", "403", "403"]),
        ("pending decisions", "GET", "/api/decisions", null, ["401", "403", "403", "403", "403", "403", "ok", "403"]),
        ("queue", "GET", "/api/departments/health/queue", null, ["401", "403", "403", "403", "ok", "403", "ok", "403"]),
        ("public lookup", "GET", "/api/public/cases/{number}?code={code}", null, ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"]),
        ("public rating", "POST", "/api/public/cases/{number}/evaluation", t => new { code = t.Code, level = 5 }, ["ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok"]),
        ("me", "GET", "/api/auth/me", null, ["401", "ok", "ok", "ok", "ok", "ok", "ok", "ok"]),
        ("users", "GET", "/api/admin/users", null, ["401", "403", "403", "403", "403", "403", "403", "ok"]),
        ("create user", "POST", "/api/admin/users", _ => new { username = "clerk-" + Guid.NewGuid().ToString("N")[..6], displayName = "新同事", role = "desk", password = "a-long-password" }, ["401", "403", "403", "403", "403", "403", "403", "ok"]),
        ("departments", "GET", "/api/admin/departments", null, ["401", "403", "403", "403", "403", "403", "403", "ok"]),
        ("rename department", "PUT", "/api/admin/departments/finance", _ => new { nameZh = "财政局", nameEn = "Finance Bureau" }, ["401", "403", "403", "403", "403", "403", "403", "ok"]),
        ("catalogue validation", "GET", "/api/admin/catalog/validation", null, ["401", "403", "403", "403", "403", "403", "403", "ok"]),
        ("inbox", "GET", "/api/inbox", null, ["401", "ok", "ok", "ok", "ok", "ok", "ok", "ok"]),
        ("inbox, unread first", "GET", "/api/notifications/inbox", null, ["401", "ok", "ok", "ok", "ok", "ok", "ok", "ok"]),
        ("delivery log", "GET", "/api/cases/{id}/notifications", null, ["401", "ok", "ok", "ok", "ok", "404", "ok", "403"]),
        ("material files", "GET", "/api/cases/{id}/materials/files", null, ["401", "ok", "ok", "ok", "ok", "404", "ok", "403"]),
        ("files of a material", "GET", "/api/cases/{id}/materials/identity-card/files", null, ["401", "ok", "ok", "ok", "ok", "404", "ok", "403"]),
        ("material journal", "GET", "/api/cases/{id}/materials/journal", null, ["401", "403", "ok", "403", "403", "404", "ok", "403"]),
        ("failed notifications", "GET", "/api/admin/notifications/dead", null, ["401", "403", "403", "403", "403", "403", "403", "ok"]),
        ("sla summary", "GET", "/api/sla/summary", null, ["401", "403", "403", "403", "403", "403", "ok", "ok"]),
        ("sla breaches", "GET", "/api/sla/breaches", null, ["401", "403", "403", "403", "403", "403", "ok", "ok"]),
        ("sla trend", "GET", "/api/sla/trend?weeks=4", null, ["401", "403", "403", "403", "403", "403", "ok", "ok"]),
        ("calendar add", "GET", "/api/calendar/add?from=2026-11-23&workingDays=5", null, ["401", "ok", "ok", "ok", "ok", "ok", "ok", "ok"]),
        ("calendar between", "GET", "/api/calendar/between?from=2026-11-23&to=2026-12-04", null, ["401", "ok", "ok", "ok", "ok", "ok", "ok", "ok"]),
        ("calendar days", "GET", "/api/calendar/days?from=2027-01-01&to=2027-01-31", null, ["401", "ok", "ok", "ok", "ok", "ok", "ok", "ok"]),
        ("publish calendar year", "PUT", "/api/calendar/years/2030", _ => new { daysOff = new[] { "2030-01-01" }, workingWeekends = Array.Empty<string>() }, ["401", "403", "403", "403", "403", "403", "403", "ok"]),
        ("assign step", "POST", "/api/cases/{id}/steps/medical-checkup.checkup-arrangement/assignee", _ => new { user = "health" }, ["401", "403", "403", "403", "403", "403", "ok", "403"]),
        ("open work", "GET", "/api/officers/officer/open-work", null, ["401", "403", "403", "403", "403", "403", "ok", "ok"]),
        ("handover", "POST", "/api/officers/officer2/handover", _ => new { to = "officer" }, ["401", "403", "403", "403", "403", "403", "ok", "403"]),
        ("refuse", "POST", "/api/refusals", _ => new { talent = Window.Host.Tests.Cases.Api.Talent(), items = new[] { "medical-checkup" }, reasons = new[] { new { text = "不属于本机关职权范围" } } }, ["401", "ok", "403", "403", "403", "403", "403", "403"]),
        ("refusals", "GET", "/api/refusals", null, ["401", "403", "403", "403", "403", "403", "ok", "ok"]),
        ("rectifications", "GET", "/api/rectifications", null, ["401", "403", "ok", "ok", "403", "403", "ok", "403"]),

        // A fresh case has no rectification: whoever passes authorization (the case's own officer, a supervisor) is told so (409).
        ("follow-up", "POST", "/api/rectifications/{id}/follow-up", _ => new { note = "电话回访" }, ["401", "403", "ok", "403", "403", "403", "403", "403"]),
        ("closure", "POST", "/api/rectifications/{id}/closure", _ => new { result = "已整改" }, ["401", "403", "ok", "403", "403", "403", "403", "403"]),
        ("appeal", "POST", "/api/rectifications/{id}/appeal", _ => new { reason = "评价与服务无关" }, ["401", "403", "ok", "403", "403", "403", "403", "403"]),
        ("appeal decision", "POST", "/api/rectifications/{id}/appeal/decision", _ => new { uphold = true }, ["401", "403", "403", "403", "403", "403", "ok", "403"]),
    ];

    [Fact]
    public async Task every_cell_of_the_access_matrix_holds_and_every_denial_is_a_security_event()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder, headerSignIn: false);
        using var admin = await app.SignInAsync("admin");
        await (await admin.CommandAsync("/api/admin/users", new { username = "officer2", displayName = "人才专员 赵敏", role = "officer", password = "officer2-password" })).ReadAsync<Window.Host.Identity.UserDto>();
        var clients = new Dictionary<string, HttpClient> { ["anonymous"] = app.CookieClient() };
        foreach (var actor in Actors.Skip(1))
        {
            clients[actor] = await app.SignInAsync(actor, actor == "officer2" ? "officer2-password" : "window-demo");
        }

        using var desk = await app.SignInAsync("desk");
        var failures = new List<string>();
        var denials = 0;
        foreach (var (name, method, path, body, expected) in Matrix)
        {
            for (var i = 0; i < Actors.Length; i++)
            {
                // A fresh case for every cell: no cell depends on what another did.
                var opened = await desk.OpenAsync("settle-in");
                var target = new Target(opened.Id, opened.Number, opened.LookupCode, await OpenBodyAsync(desk));
                var uri = path.Replace("{id}", target.Id, StringComparison.Ordinal).Replace("{number}", target.Number, StringComparison.Ordinal).Replace("{code}", target.Code, StringComparison.Ordinal);
                using var request = new HttpRequestMessage(new HttpMethod(method), uri);
                if (body is not null)
                {
                    request.Content = JsonContent.Create(body(target));
                    request.Headers.Add(IdempotencyGate.Header, Guid.NewGuid().ToString());
                }

                // Officers are assigned least-loaded first, so "officer" is whoever owns this case and "officer2" the other.
                var client = Actors[i] switch
                {
                    "officer" => clients[opened.Officer],
                    "officer2" => clients[opened.Officer == "officer" ? "officer2" : "officer"],
                    var actor => clients[actor],
                };
                var response = await client.SendAsync(request);
                var actual = (int)response.StatusCode switch
                {
                    401 => "401",
                    403 => "403",
                    404 => "404",
                    >= 200 and < 300 or 409 or 422 => "ok",
                    var other => other.ToString(System.Globalization.CultureInfo.InvariantCulture),
                };
                if (actual != "ok")
                {
                    denials++;
                }

                if (actual != expected[i])
                {
                    failures.Add($"{name} as {Actors[i]}: expected {expected[i]}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Matrix.Length * Actors.Length} cells differ:\n{string.Join("\n", failures)}");
        var events = app.Logs.Lines.Count(line => line.Contains("Window.Host.Identity.SecurityEvents[4001]", StringComparison.Ordinal));
        Assert.True(events >= denials, $"{events} security events for {denials} denials");
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }

    private static async Task<object> OpenBodyAsync(HttpClient desk)
    {
        var materials = (await desk.ChecklistAsync("medical-checkup")).Where(m => m.Required).Select(m => m.Id).ToArray();
        return new { talent = Window.Host.Tests.Cases.Api.Talent(), items = new[] { "medical-checkup" }, materials, deferred = Array.Empty<object>() };
    }

    private sealed record Target(string Id, string Number, string Code, object OpenBody);
}
