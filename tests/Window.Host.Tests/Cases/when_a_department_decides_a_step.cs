using Microsoft.Extensions.DependencyInjection;
using Window.Contracts;
using Window.Host.Api;
using Window.Host.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Cases;

/// <summary>
/// Issue 17's front-door bug: the answer to a department's decision is the case as that department may see it, like
/// every read of it. The step page redrew from that answer and showed every material of the case.
/// </summary>
public sealed class when_a_department_decides_a_step(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private const string Step = "medical-checkup.checkup-arrangement";
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task the_api_answers_an_approval_with_only_the_materials_shared_with_the_department()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);
        var opened = await app.Desk().OpenAsync("settle-in");
        using var health = app.Department("health");
        var before = await health.GetJsonAsync<CaseDto>($"/api/cases/{opened.Id}");

        var approved = await (await health.CommandAsync($"/api/cases/{opened.Id}/steps/{Step}/complete", new { outcome = "approve" })).ReadAsync<CaseDto>();

        Assert.Equal("done", approved.Steps.Single(s => s.Id == Step).Status);
        Assert.Contains(opened.Materials, m => m.Id == "child-birth-certificate");
        Assert.DoesNotContain(approved.Materials, m => m.Id == "child-birth-certificate");
        Assert.Equal(before.Materials.Select(m => m.Id).Order(), approved.Materials.Select(m => m.Id).Order());
    }

    [Fact]
    public async Task the_step_page_redraws_from_an_answer_with_only_the_shared_materials()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);
        var opened = await app.Desk().OpenAsync("settle-in");
        var commands = app.Services.GetRequiredService<CaseCommandService>();
        var health = new Actor("health", Roles.Department, "health");

        // What StepPage sends when the officer of the health department confirms "approve".
        var outcome = await commands.CompleteStepAsync(
            new CommandSource(health, "ui-" + Guid.NewGuid().ToString("N"), "UI", $"/cases/{opened.Id}/steps/{Step}"),
            opened.Id, Step, new CompleteStepRequest("approve", null, []));

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Contains(outcome.Case!.Materials, m => m.Id == "health-questionnaire");
        Assert.DoesNotContain(outcome.Case.Materials, m => m.Id == "child-birth-certificate");
    }
}
