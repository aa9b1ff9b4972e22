using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Window.Ui.Tests;

/// <summary>
/// One staff member's API session against the UI host (the cookie sign-in, the anti-forgery header, an idempotency key per
/// change): what a journey does off screen to set the scene, so that the browser shows only the part under test.
/// </summary>
public sealed class ApiSeed : IDisposable
{
    private readonly HttpClient client;
    private readonly CookieContainer cookies = new();

    private ApiSeed(UiHost host)
    {
        client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = host.BaseAddress };
    }

    /// <summary>Signs <paramref name="user"/> in with the demo password.</summary>
    public static async Task<ApiSeed> SignInAsync(UiHost host, string user, string password = UiHost.Password)
    {
        ArgumentNullException.ThrowIfNull(host);
        var seed = new ApiSeed(host);
        var response = await seed.client.PostAsJsonAsync(new Uri("/api/auth/login", UriKind.Relative), new { username = user, password });
        Assert.True(response.IsSuccessStatusCode, $"sign-in of {user}: {(int)response.StatusCode}");
        var token = seed.cookies.GetCookies(host.BaseAddress)["XSRF-TOKEN"]?.Value ?? throw new InvalidOperationException("No XSRF-TOKEN cookie.");
        seed.client.DefaultRequestHeaders.Add("X-XSRF-TOKEN", token);
        return seed;
    }

    public async Task<JsonElement> GetAsync(string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return await ReadAsync(response, path);
    }

    /// <summary>A change (POST), failing the test unless it succeeds.</summary>
    public async Task<JsonElement> PostAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await ReadAsync(await client.SendAsync(request), path);
    }

    /// <summary>A replacement (PUT), failing the test unless it succeeds.</summary>
    public async Task<JsonElement> PutAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        return await ReadAsync(await client.SendAsync(request), path);
    }

    /// <summary>Opens a case for a new talent with every required material of <paramref name="itemOrBundle"/>; returns the case.</summary>
    public async Task<JsonElement> OpenAsync(string itemOrBundle, string idNumber, string name = "赵六", string phone = "13800138000")
    {
        var catalog = await GetAsync("/api/catalog");
        var definition = catalog.GetProperty("bundles").EnumerateArray().Concat(catalog.GetProperty("items").EnumerateArray())
            .First(d => d.GetProperty("id").GetString() == itemOrBundle);
        var materials = definition.GetProperty("materials").EnumerateArray().Where(m => m.GetProperty("required").GetBoolean())
            .Select(m => m.GetProperty("id").GetString()).ToList();
        return await PostAsync("/api/cases", new
        {
            talent = new { name, idNumber, phone, tier = "C" },
            items = new[] { itemOrBundle },
            materials,
            deferred = Array.Empty<object>(),
        });
    }

    public void Dispose() => client.Dispose();

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string path)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {path}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
