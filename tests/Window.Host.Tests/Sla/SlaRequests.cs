using System.Net.Http.Json;
using Window.Contracts;
using Window.Host.Api;
using Window.Host.Sla;
using Window.Host.Tests.Cases;

namespace Window.Host.Tests.Sla;

/// <summary>Requests the SLA tests share.</summary>
internal static class SlaRequests
{
    public static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    public static HttpClient Supervisor(this WindowApp app) => app.As("supervisor", Roles.Supervisor);

    /// <summary>Runs one watcher pass and one dispatch pass (after any background pass in flight).</summary>
    public static async Task WatchAsync(this WindowApp app)
    {
        using var client = app.Supervisor();
        using var response = await client.CommandAsync("/api/sla/watch", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public static async Task<InboxDto> InboxAsync(this WindowApp app, string user, string role, string? department = null)
    {
        using var client = app.As(user, role, department);
        return await client.GetJsonAsync<InboxDto>("/api/inbox");
    }

    public static async Task<List<TimelineEntry>> LightChangesAsync(this WindowApp app, string caseId) =>
        [.. (await app.Grains.GetGrain<ICaseGrain>(caseId).TimelineForAsync(new Actor("supervisor", Roles.Supervisor, null))).Where(e => e.Kind == "light-changed")];

    public static async Task<HttpResponseMessage> PutAsync(this HttpClient client, string path, object body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add(IdempotencyGate.Header, key);
        }

        return await client.SendAsync(request);
    }
}
