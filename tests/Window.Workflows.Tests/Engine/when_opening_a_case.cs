using Window.Workflows.Calendar;
using Window.Workflows.Conditions;
using Window.Workflows.Engine;

namespace Window.Workflows.Tests.Engine;

public class when_opening_a_case
{
    private readonly EngineFixture _fixture = new();

    [Fact]
    public void steps_without_dependencies_are_ready_and_the_rest_pending()
    {
        var instance = _fixture.StartSample();

        Assert.Equal(StepStatus.Ready, instance.Step("sample", "first").Status);
        Assert.Equal(StepStatus.Ready, instance.Step("sample", "second").Status);
        Assert.Equal(StepStatus.Pending, instance.Step("sample", "join").Status);
        Assert.Equal(JournalAction.Accepted, instance.Journal[0].Action);
        Assert.Equal("desk-1", instance.Journal[0].Actor);
    }

    [Fact]
    public void every_missing_required_material_is_reported_at_once()
    {
        var result = _fixture.Engine.Start(Support.Open("case-1", ["settle-in"], ["identity-card"]));

        Assert.Equal(WorkflowErrorCodes.MaterialsMissing, result.Error?.Code);
        Assert.Null(result.Instance);
        foreach (var material in new[] { "degree-certificate", "employment-contract", "health-questionnaire", "child-birth-certificate", "household-register" })
        {
            Assert.Contains(material, result.Error!.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void a_deferrable_material_may_be_deferred_until_a_supplement_date()
    {
        var instance = _fixture.Engine.Start(new StartCase("case-1", "desk-1", ["sample"], new Dictionary<string, CaseValue>(), ["identity-card"], ["bank-account"], 3)).Ok();

        Assert.Equal(MaterialStatus.Deferred, instance.Materials.Single(m => m.Id == "bank-account").Status);
        Assert.Equal(new DateOnly(2026, 3, 5), instance.SupplementDueOn);
    }

    [Fact]
    public void a_material_that_is_not_deferrable_cannot_be_deferred()
    {
        var result = _fixture.Engine.Start(new StartCase("case-1", "desk-1", ["sample"], new Dictionary<string, CaseValue>(), ["bank-account"], ["identity-card"]));

        Assert.Equal(WorkflowErrorCodes.DeferralNotAllowed, result.Error?.Code);
    }

    [Fact]
    public void a_supplement_deadline_beyond_the_promised_limit_is_refused()
    {
        var result = _fixture.Engine.Start(new StartCase("case-1", "desk-1", ["sample"], new Dictionary<string, CaseValue>(), ["identity-card"], ["bank-account"], 11));

        Assert.Equal(WorkflowErrorCodes.DeferralNotAllowed, result.Error?.Code);
    }

    [Fact]
    public void an_unknown_service_item_is_refused()
    {
        Assert.Equal(WorkflowErrorCodes.UnknownDefinition, _fixture.Engine.Start(Support.Open("case-1", ["parking-permit"], [])).Error?.Code);
    }

    [Fact]
    public void a_bundle_opens_all_its_items_with_one_promised_date_the_longest()
    {
        var instance = _fixture.Engine.Start(Support.Open("case-1", ["settle-in"], Support.BundleMaterials("settle-in"))).Ok();

        Assert.Equal(5, instance.Items.Length);
        Assert.Equal(15, instance.Clock.LimitDays);
        Assert.Equal("settle-in", instance.BundleId);
        Assert.Equal(Support.Calendar.AddWorkingDays(new DateOnly(2026, 3, 2), 15), OfficeTime.DateOf(_fixture.Engine.Sla(instance).Case.DueAt!.Value.AddTicks(-1)));
    }
}
