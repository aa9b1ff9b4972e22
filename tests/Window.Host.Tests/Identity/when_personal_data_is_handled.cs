using System.Text;
using Window.Host.Api;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Identity;

public sealed class when_personal_data_is_handled(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task no_id_number_phone_or_name_reaches_logs_urls_or_the_database_file_in_clear()
    {
        var idNumber = Cases.Api.NewIdNumber();
        const string phone = "13987654321";
        const string name = "欧阳明月";
        // A wrong check character: "0" alone is the right one for 1 in 11 numbers, which then opened a second case (409).
        var wrongIdNumber = idNumber[..17] + (idNumber[17] == '0' ? "1" : "0");
        await using (var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder))
        {
            using var desk = app.Desk();
            var materials = (await desk.ChecklistAsync("settle-in")).Where(m => m.Required).Select(m => m.Id).ToList();
            var opened = await (await desk.CommandAsync("/api/cases", new
            {
                talent = new { name, idNumber, phone, tier = "B" },
                items = new[] { "settle-in" },
                materials,
                deferred = Array.Empty<object>(),
            })).ReadAsync<CaseDto>();
            var refused = await desk.CommandAsync("/api/cases", new { talent = new { name, idNumber = wrongIdNumber, phone, tier = "B" }, items = new[] { "settle-in" }, materials, deferred = Array.Empty<object>() });
            await refused.ProblemAsync(400);
            await Journeys.CompleteEveryStepAsync(app, opened.Id, new Random(5));
            await (await desk.CommandAsync($"/api/cases/{opened.Id}/delivery", new { method = "post" })).ReadAsync<CaseDto>();
            var shown = await app.Officer().GetStringAsync(new Uri($"/api/cases/{opened.Id}", UriKind.Relative));
            var queue = await app.Department("health").GetStringAsync(new Uri("/api/departments/health/queue", UriKind.Relative));

            Assert.DoesNotContain(idNumber, shown, StringComparison.Ordinal);
            Assert.DoesNotContain(phone, shown, StringComparison.Ordinal);
            Assert.DoesNotContain(name, shown, StringComparison.Ordinal);
            Assert.Contains("欧***", shown, StringComparison.Ordinal);
            Assert.DoesNotContain(name, queue, StringComparison.Ordinal);
            Assert.NotEmpty(app.Logs.Lines);
            foreach (var secret in new[] { idNumber, phone, name, wrongIdNumber })
            {
                Assert.DoesNotContain(app.Logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
            }
        }

        foreach (var file in Directory.GetFiles(folder.Path, "window.db*"))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            foreach (var secret in new[] { idNumber, phone, name })
            {
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"{Path.GetFileName(file)} holds a personal value in clear");
            }
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task an_authorised_reveal_shows_one_value_and_is_journaled(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder);
        var idNumber = Cases.Api.NewIdNumber();
        var opened = await app.Desk().OpenAsync("medical-checkup", idNumber);

        var revealed = await (await app.Officer().CommandAsync($"/api/cases/{opened.Id}/talent/reveal", new { field = "idNumber", reason = "核对身份" })).ReadAsync<RevealedDto>();
        var timeline = await app.Officer().GetJsonAsync<List<TimelineEntryDto>>($"/api/cases/{opened.Id}/timeline");

        Assert.Equal(idNumber, revealed.Value);
        Assert.Contains(timeline, entry => entry.Kind == "personal-data-revealed" && entry.Actor == "officer" && entry.Detail == "idNumber:核对身份");
        Assert.Contains(app.Logs.Lines, line => line.Contains("Personal data revealed: officer (officer) saw idNumber", StringComparison.Ordinal));
    }

    [Fact]
    public async Task department_staff_see_only_the_materials_shared_with_their_department()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);
        var opened = await app.Desk().OpenAsync("settle-in");

        var asHealth = await app.Department("health").GetJsonAsync<CaseDto>($"/api/cases/{opened.Id}");
        var asOfficer = await app.Officer().GetJsonAsync<CaseDto>($"/api/cases/{opened.Id}");
        var healthTimeline = await app.Department("health").GetJsonAsync<List<TimelineEntryDto>>($"/api/cases/{opened.Id}/timeline");

        Assert.Contains(asHealth.Materials, m => m.Id == "health-questionnaire");
        Assert.DoesNotContain(asHealth.Materials, m => m.Id == "child-birth-certificate");
        Assert.Contains(asOfficer.Materials, m => m.Id == "child-birth-certificate");
        Assert.True(asHealth.Materials.Count < asOfficer.Materials.Count);
        Assert.All(healthTimeline, entry => Assert.True(entry.Department is null or "health", entry.Department));
    }
}
