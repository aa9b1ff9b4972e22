using System.Text.Json;
using Microsoft.Playwright;

namespace Window.Ui.Tests;

/// <summary>Cases opened through the API with a signed-in browser's cookie, for tests about pages that show them.</summary>
public static class ApiCases
{
    /// <summary>A case opened by the desk.</summary>
    public sealed record Opened(string Id, string Number, string Code);

    /// <summary>A medical check-up with every material provided, opened as the browser's signed-in user (the desk).</summary>
    public static async Task<Opened> OpenCheckupAsync(IPage page, string name, string idNumberFirst17)
    {
        ArgumentNullException.ThrowIfNull(page);
        var xsrf = (await page.Context.CookiesAsync()).Single(c => c.Name == "XSRF-TOKEN").Value;
        var response = await page.APIRequest.PostAsync("/api/cases", new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string> { ["X-XSRF-TOKEN"] = xsrf, ["Idempotency-Key"] = Guid.NewGuid().ToString("N") },
            DataObject = new
            {
                talent = new { name, idNumber = Talents.IdNumber(idNumberFirst17), phone = "13700137000", tier = "D" },
                items = new[] { "medical-checkup" },
                materials = new[] { "identity-card", "health-questionnaire", "talent-certificate" },
                deferred = Array.Empty<object>(),
            },
        });
        Assert.True(response.Ok, await response.TextAsync());
        using var json = JsonDocument.Parse(await response.TextAsync());
        var root = json.RootElement;
        return new Opened(root.GetProperty("id").GetString()!, root.GetProperty("number").GetString()!, root.GetProperty("lookupCode").GetString()!);
    }
}
