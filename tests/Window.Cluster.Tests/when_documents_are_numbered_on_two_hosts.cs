using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Window.Testing;

namespace Window.Cluster.Tests;

/// <summary>
/// Issue 19: document numbers are gap-free per kind and year on a cluster. Fifty acceptances at once, spread over two
/// hosts on one PostgreSQL database, get fifty receipts numbered 1 to 50, one per case.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class when_documents_are_numbered_on_two_hosts(PostgresServer postgres)
{
    private const int Acceptances = 50;

    [Fact]
    public async Task fifty_concurrent_acceptances_on_two_hosts_get_receipts_numbered_one_to_fifty()
    {
        await using var cluster = await LocalCluster.StartAsync(postgres, size: 2);
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false });
        var sessions = new[] { await SignInAsync(http, cluster.BaseAddress(0)), await SignInAsync(http, cluster.BaseAddress(1)) };
        var materials = await RequiredMaterialsAsync(http, cluster.BaseAddress(0), sessions[0], "medical-checkup");

        var opened = await Task.WhenAll(Enumerable.Range(0, Acceptances).Select(async i =>
        {
            var host = i % 2;
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(cluster.BaseAddress(host), "/api/cases"))
            {
                Content = JsonContent.Create(new
                {
                    talent = new { name = "钱多多", idNumber = IdNumber(i), phone = "13700137000", tier = "C" },
                    items = new[] { "medical-checkup" },
                    materials,
                    deferred = Array.Empty<object>(),
                }),
            };
            Authorize(request, sessions[host]);
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {text}");
            return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
        }));

        var sequences = new List<int>();
        await using (var connection = new Npgsql.NpgsqlConnection(cluster.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand(
                "SELECT sequence, case_id, number FROM window_documents WHERE kind = 'acceptance' ORDER BY sequence", connection);
            await using var reader = await command.ExecuteReaderAsync();
            var cases = new List<string>();
            while (await reader.ReadAsync())
            {
                sequences.Add(reader.GetInt32(0));
                cases.Add(reader.GetString(1));
                Assert.Equal($"衢人才受〔{DateTime.UtcNow.AddHours(8).Year}〕{reader.GetInt32(0)}号", reader.GetString(2));
            }

            Assert.Equal(opened.Order(), cases.Order());
        }

        Assert.Equal(Enumerable.Range(1, Acceptances), sequences);
        Assert.Equal(Acceptances, await cluster.ScalarAsync<int>("SELECT last FROM window_document_counters WHERE kind = 'acceptance'"));
    }

    private static async Task<(string Cookie, string Token)> SignInAsync(HttpClient http, Uri host)
    {
        using var response = await http.PostAsJsonAsync(new Uri(host, "/api/auth/login"), new { username = "desk", password = LocalCluster.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookies = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        return (cookies.Single(c => c.StartsWith("window.auth=", StringComparison.Ordinal)), cookies.Single(c => c.StartsWith("XSRF-TOKEN=", StringComparison.Ordinal))["XSRF-TOKEN=".Length..]);
    }

    private static void Authorize(HttpRequestMessage request, (string Cookie, string Token) session)
    {
        request.Headers.Add("Cookie", session.Cookie);
        request.Headers.Add("X-XSRF-TOKEN", Uri.UnescapeDataString(session.Token));
    }

    private static async Task<List<string>> RequiredMaterialsAsync(HttpClient http, Uri host, (string Cookie, string Token) session, string item)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host, "/api/catalog"));
        Authorize(request, session);
        using var response = await http.SendAsync(request);
        var catalog = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return [.. catalog.GetProperty("items").EnumerateArray().First(i => i.GetProperty("id").GetString() == item)
            .GetProperty("materials").EnumerateArray().Where(m => m.GetProperty("required").GetBoolean()).Select(m => m.GetProperty("id").GetString()!)];
    }

    /// <summary>A valid resident ID number (GB 11643 check character) for the <paramref name="serial"/>th talent.</summary>
    private static string IdNumber(int serial)
    {
        var first17 = $"33010219900101{serial:D3}";
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = first17.Select((c, i) => (c - '0') * weights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }
}
