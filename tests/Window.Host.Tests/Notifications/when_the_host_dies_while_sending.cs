using System.Net.Http.Json;
using System.Text.Json;
using Window.Host.Api;
using Window.Host.Notifications;
using Window.Host.Tests.Cases;
using TestApi = Window.Host.Tests.Cases.Api;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Notifications;

/// <summary>
/// The host process is killed (SIGKILL) after the gateway took a message and before the host could record it. Window's
/// guarantee towards a gateway is at least once with one idempotency token per message: the next host sends it again
/// after the claim lease, with the same token, so a gateway that keeps tokens drops the repeat; Window's own records hold
/// it once (one row, sent).
/// </summary>
public sealed class when_the_host_dies_while_sending(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task a_message_the_gateway_took_is_sent_again_with_the_same_token_and_recorded_once(DatabaseProvider provider)
    {
        await using var gateway = new FakeSmsGateway();
        var environment = new Dictionary<string, string>
        {
            ["Window__DataDir"] = folder.Path,
            ["Window__Notifications__Sms__Url"] = gateway.Url,
            ["Window__Notifications__QuietHours"] = "none",
            ["Window__Notifications__Period"] = "00:00:01",
            ["Window__Notifications__ClaimLease"] = "00:00:03",
        };
        if (provider == DatabaseProvider.PostgreSql)
        {
            environment["Window__Database__Provider"] = "PostgreSql";
            environment["Window__Database__ConnectionString"] = await postgres.CreateDatabaseAsync();
        }

        var first = HostProcess.Start(environment);
        var killed = false;
        try
        {
            await first.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));

            // The gateway takes the first message, then the host dies before it hears the 200 (but after the desk had its
            // answer: the dispatcher may reach the gateway before the opening's response is read, and killing the host then
            // failed the opening instead of the send).
            var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            gateway.OnRequest = async _ =>
            {
                gateway.OnRequest = null;
                killed = true;
                await answered.Task.WaitAsync(TimeSpan.FromSeconds(30));
                await first.DisposeAsync();
            };
            using var desk = await SignInAsync(first, "desk");
            var materials = (await desk.ChecklistAsync("housing-subsidy")).Where(m => m.Required).Select(m => m.Id).ToList();
            var opened = await (await desk.CommandAsync("/api/cases", new { talent = TestApi.Talent(), items = new[] { "housing-subsidy" }, materials, deferred = Array.Empty<object>() }))
                .ReadAsync<CaseDto>();
            answered.TrySetResult();
            await gateway.WaitForAsync(1, TimeSpan.FromSeconds(60));

            await using var second = HostProcess.Start(environment);
            await second.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
            await gateway.WaitForAsync(2, TimeSpan.FromSeconds(60));
            using var officer = await SignInAsync(second, "officer");
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            MessageDeliveryDto accepted;
            do
            {
                await Task.Delay(500);
                accepted = (await officer.GetJsonAsync<List<MessageDeliveryDto>>($"/api/cases/{opened.Id}/notifications")).Single(d => d.Template == "window-accepted");
            }
            while (accepted.Status != "sent" && DateTime.UtcNow < deadline);

            await Task.Delay(TimeSpan.FromSeconds(5));
            var requests = gateway.Of("window-accepted");
            Assert.Equal(2, requests.Count);
            Assert.Equal(requests[0].Token, requests[1].Token);
            Assert.Equal(requests[0].Body, requests[1].Body);
            Assert.Equal(("sent", 1), (accepted.Status, accepted.Attempts));
        }
        finally
        {
            if (!killed)
            {
                await first.DisposeAsync();
            }
        }
    }

    private static async Task<HttpClient> SignInAsync(HostProcess host, string user)
    {
        var client = new HttpClient(new HttpClientHandler { UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        using var response = await client.PostAsync(new Uri("/api/auth/login", UriKind.Relative), JsonContent.Create(new { username = user, password = "window-demo" }));
        await response.ReadAsync<JsonElement>();
        var token = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("XSRF-TOKEN=", StringComparison.Ordinal))["XSRF-TOKEN=".Length..];
        client.DefaultRequestHeaders.Add("X-XSRF-TOKEN", token);
        return client;
    }
}
