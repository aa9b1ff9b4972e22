using System.Net;
using System.Text;
using System.Text.Json;
using Window.Contracts;
using Window.Host.Api;
using Window.Host.Privacy;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Cases;

/// <summary>The probes of issue 16 (items 4 and 7) against the API: each input is refused with a problem naming the field.</summary>
public sealed class when_input_is_hostile(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task free_text_longer_than_500_characters_is_refused_naming_the_field_and_a_megabyte_body_is_413()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);
        using var desk = app.Desk();
        var opened = await desk.OpenAsync("medical-checkup");
        var step = opened.Steps.First(s => s.Status == "ready" && s.Department is not null);
        using var department = app.Department(step.Department!);
        await (await department.CommandAsync($"/api/cases/{opened.Id}/steps/{step.Id}/claim", null)).ReadAsync<CaseDto>();
        var tooLong = new string('长', TextRules.FreeTextMaxLength + 1);

        var purpose = await (await desk.CommandAsync($"/api/cases/{opened.Id}/visits", new { purpose = tooLong })).ProblemAsync(400);
        var rejection = await (await department.CommandAsync($"/api/cases/{opened.Id}/steps/{step.Id}/complete", new { outcome = "reject", reason = tooLong })).ProblemAsync(400);
        var withdrawal = await (await desk.CommandAsync($"/api/cases/{opened.Id}/withdrawal", new { reason = tooLong })).ProblemAsync(400);
        var megabyte = await (await desk.CommandAsync($"/api/cases/{opened.Id}/visits", new { purpose = new string('x', 1024 * 1024) })).ProblemAsync(413);
        var fits = await (await desk.CommandAsync($"/api/cases/{opened.Id}/visits", new { purpose = new string('短', TextRules.FreeTextMaxLength) })).ReadAsync<CaseDto>();

        Assert.Equal(("purpose", "text_too_long"), Field(purpose));
        Assert.Equal(("reason", "text_too_long"), Field(rejection));
        Assert.Equal(("reason", "text_too_long"), Field(withdrawal));
        Assert.Equal("body_too_large", megabyte.GetProperty("code").GetString());
        Assert.Equal(2, fits.Trips);
    }

    [Theory]
    [InlineData("张\0三", "text_forbidden_characters")]
    [InlineData("张\a三", "text_forbidden_characters")]
    [InlineData("张三\r\n2026-11-23 INFO forged", "text_forbidden_characters")]
    [InlineData("\u202E三张", "text_forbidden_characters")]
    [InlineData("张\u2066三", "text_forbidden_characters")]
    [InlineData("\u200B\u200C\u200D\uFEFF", "text_blank")]
    [InlineData("   ", "text_blank")]
    [InlineData("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一", "text_too_long")]
    public async Task a_name_with_control_bidi_or_only_invisible_characters_is_refused_and_nothing_is_registered(string name, string code)
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);
        using var desk = app.Desk();

        var response = await desk.CommandAsync("/api/cases", Opening(new { name, idNumber = Api.NewIdNumber(), phone = "13812345678", tier = "C" }));

        Assert.Equal(("talent.name", code), Field(await response.ProblemAsync(400)));
        Assert.Equal(0, await app.SqlAsync("SELECT COUNT(*) FROM window_talents"));
    }

    [Fact]
    public async Task an_emoji_name_is_masked_by_whole_characters()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);
        using var desk = app.Desk();

        var opened = await (await desk.CommandAsync("/api/cases", Opening(new { name = "😀小明", idNumber = Api.NewIdNumber(), phone = "13812345678", tier = "C" }))).ReadAsync<CaseDto>();

        Assert.Equal("😀**", opened.Talent.Name);
        Assert.DoesNotContain('\uFFFD', opened.Talent.Name);
    }

    [Theory]
    [InlineData("990106", "19900101")]
    [InlineData("000106", "19900101")]
    [InlineData("330106", "20990101")]
    [InlineData("330106", "20261124")]
    public async Task an_id_number_with_an_unknown_region_or_a_birth_date_after_today_is_refused(string region, string birth)
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);
        using var desk = app.Desk();
        var first17 = region + birth + "123";

        var response = await desk.CommandAsync("/api/cases", Opening(new { name = "张三", idNumber = first17 + IdNumbers.CheckCharacter(first17), phone = "13812345678", tier = "C" }));

        Assert.Equal("talent.idNumber", (await response.ProblemAsync(400)).GetProperty("field").GetString());
    }

    [Fact]
    public async Task a_birth_date_of_today_is_accepted()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);
        using var desk = app.Desk();
        const string first17 = "33010620261123123";

        var response = await desk.CommandAsync("/api/cases", Opening(new { name = "张三", idNumber = first17 + IdNumbers.CheckCharacter(first17), phone = "13812345678", tier = "C" }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task duplicate_items_are_refused_naming_them()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);
        using var desk = app.Desk();

        var problem = await (await desk.CommandAsync("/api/cases", new
        {
            talent = Api.Talent(),
            items = new[] { "medical-checkup", "medical-checkup" },
            materials = new[] { "identity-card", "health-questionnaire" },
            deferred = Array.Empty<object>(),
        })).ProblemAsync(400);

        Assert.Equal(("items", "duplicate_item"), Field(problem));
        Assert.Equal(0, await app.SqlAsync("SELECT COUNT(*) FROM window_talents"));
    }

    [Theory]
    [InlineData("""{"code":"x","level":"5"}""", "level")]
    [InlineData("""{"code":"x","level":99999999999}""", "level")]
    [InlineData("""{"code":"x","level":5,"level":1}""", "level")]
    [InlineData("""{"code":["x"],"level":5}""", "code")]
    [InlineData("""{"code":"x","level":5""", "level")]
    [InlineData("""not json""", "body")]
    public async Task a_body_the_framework_cannot_bind_is_a_problem_with_detail_and_field(string json, string field)
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);
        using var anonymous = app.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/public/cases/WX-1/evaluation") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add(IdempotencyGate.Header, "k1");

        var problem = await (await anonymous.SendAsync(request)).ProblemAsync(400);

        Assert.Equal(field, problem.GetProperty("field").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Theory]
    [InlineData("page=abc")]
    [InlineData("page=99999999999")]
    public async Task a_query_value_of_the_wrong_type_is_a_problem_with_detail_and_field(string query)
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);
        using var desk = app.Desk();

        var problem = await (await desk.GetAsync(new Uri("/api/cases?" + query, UriKind.Relative))).ProblemAsync(400);

        Assert.Equal("page", problem.GetProperty("field").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task a_wrong_type_inside_an_opening_names_its_path()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);
        using var desk = app.Desk();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases")
        {
            Content = new StringContent("""{"talent":{"name":"张三","idNumber":42,"phone":"13812345678","tier":"C"},"items":["medical-checkup"],"materials":[],"deferred":[]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(IdempotencyGate.Header, "k1");

        var problem = await (await desk.SendAsync(request)).ProblemAsync(400);

        Assert.Equal("talent.idNumber", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task a_refused_opening_registers_no_talent()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);
        using var desk = app.Desk();
        var idNumber = Api.NewIdNumber();

        // Materials missing, a deferral of a material that may not be deferred, a supplement date in the past.
        await (await desk.CommandAsync("/api/cases", new { talent = Api.Talent(idNumber), items = new[] { "medical-checkup" }, materials = Array.Empty<string>(), deferred = Array.Empty<object>() })).ProblemAsync(422);
        await (await desk.CommandAsync("/api/cases", new { talent = Api.Talent(idNumber), items = new[] { "medical-checkup" }, materials = new[] { "health-questionnaire" }, deferred = new[] { new { material = "identity-card", due = "2026-11-30" } } })).ProblemAsync(422);
        await (await desk.CommandAsync("/api/cases", new { talent = Api.Talent(idNumber), items = new[] { "medical-checkup" }, materials = new[] { "identity-card" }, deferred = new[] { new { material = "health-questionnaire", due = "2020-01-01" } } })).ProblemAsync(400);

        Assert.Equal(0, await app.SqlAsync("SELECT COUNT(*) FROM window_talents"));
        var opened = await desk.OpenAsync("medical-checkup", idNumber);
        Assert.Equal(1, await app.SqlAsync("SELECT COUNT(*) FROM window_talents"));
        Assert.Equal(opened.Talent.Id, (await desk.OpenAsync("talent-apartment", idNumber)).Talent.Id);
        await (await desk.CommandAsync("/api/cases", new { talent = Api.Talent(idNumber), items = new[] { "medical-checkup" }, materials = new[] { "identity-card", "health-questionnaire" }, deferred = Array.Empty<object>() })).ProblemAsync(409);
        Assert.Equal(1, await app.SqlAsync("SELECT COUNT(*) FROM window_talents"));
    }

    [Fact]
    public async Task fifty_concurrent_openings_with_one_key_and_different_bodies_leave_one_case_and_one_talent()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);
        using var desk = app.Desk();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => desk.CommandAsync("/api/cases", new
        {
            talent = Api.Talent(),
            items = new[] { "medical-checkup" },
            materials = new[] { "identity-card", "health-questionnaire" },
            deferred = Array.Empty<object>(),
        }, "one-key")));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.All(responses, r => Assert.True((int)r.StatusCode < 500, $"{r.StatusCode}"));
        Assert.Equal(1, await app.SqlAsync("SELECT COUNT(*) FROM window_cases"));
        Assert.Equal(1, await app.SqlAsync("SELECT COUNT(*) FROM window_talents"));
    }

    private static object Opening(object talent) =>
        new { talent, items = new[] { "medical-checkup" }, materials = new[] { "identity-card", "health-questionnaire" }, deferred = Array.Empty<object>() };

    private static (string? Field, string? Code) Field(JsonElement problem) =>
        (problem.GetProperty("field").GetString(), problem.GetProperty("code").GetString());
}
