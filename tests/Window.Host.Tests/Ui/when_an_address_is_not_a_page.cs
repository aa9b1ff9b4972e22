using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Ui;

/// <summary>
/// A person who mistypes an address or meets a failure gets a calm page in the site's look, with the status kept and a
/// way home; the API keeps answering problem details. An error page shows a short reference that the log holds next to
/// the failure, and nothing of the exception.
/// </summary>
public sealed partial class when_an_address_is_not_a_page(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private const string Secret = "connection string with password=hunter2";
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task an_unknown_page_answers_404_with_a_page_and_the_api_answers_a_problem(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var client = app.Anonymous();

        var page = await client.GetAsync(new Uri("/no/such/page?x=1", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("data-testid=\"status-page\"", html, StringComparison.Ordinal);
        Assert.Contains(Encoded("页面不存在"), html, StringComparison.Ordinal);
        Assert.Contains("href=\"/\"", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"stylesheet\"", html, StringComparison.Ordinal);

        var api = await client.GetAsync(new Uri("/api/no-such-thing", UriKind.Relative));
        var problem = await api.ProblemAsync(404);
        Assert.Equal(404, problem.GetProperty("status").GetInt32());

        var known = await client.GetAsync(new Uri("/progress", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task an_error_shows_a_calm_page_with_a_reference_the_log_holds(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder, configureServices: Failing);
        var client = app.Anonymous();

        var page = await client.GetAsync(new Uri("/test/fail", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains(Encoded("系统出了点问题"), html, StringComparison.Ordinal);
        var reference = Reference().Match(html);
        Assert.True(reference.Success, html);
        Assert.DoesNotContain("hunter2", html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", html, StringComparison.Ordinal);
        Assert.Contains(app.Logs.Lines, line => line.Contains(reference.Groups[1].Value, StringComparison.Ordinal) && line.Contains("InvalidOperationException", StringComparison.Ordinal));

        var api = await client.GetAsync(new Uri("/api/test/fail", UriKind.Relative));
        var problem = await api.ProblemAsync(500);
        Assert.DoesNotContain("hunter2", problem.GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>Addresses that fail, for the test only: at the end of the pipeline, where no endpoint took the request.</summary>
    private static void Failing(IServiceCollection services) => services.AddSingleton<IStartupFilter, FailingAddresses>();

    private static string Encoded(string text) => System.Text.Encodings.Web.HtmlEncoder.Default.Encode(text);

    [GeneratedRegex("data-testid=\"error-reference\">([23456789A-Z]{8})<")]
    private static partial Regex Reference();

    private sealed class FailingAddresses : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((http, following) => http.Request.Path.Value?.EndsWith("/test/fail", StringComparison.Ordinal) == true
                ? throw new InvalidOperationException(Secret)
                : following(http));
        };
    }
}
