using Window.Workflows.Calendar;
using Window.Workflows.Conditions;
using Window.Workflows.Definitions;
using Window.Workflows.Engine;
using Window.Workflows.Sla;

namespace Window.Workflows.Tests.Engine;

public class when_running_special_steps
{
    private readonly EngineFixture _fixture = new(Support.At(2026, 3, 2));

    private WorkflowInstance CertificationAtPublicNotice()
    {
        var instance = Support.Started(_fixture.Engine, "talent-certification");
        instance = _fixture.Engine.Approve(instance, "talent-certification", "hrss-review");
        return _fixture.Engine.Approve(instance, "talent-certification", "expert-review");
    }

    [Fact]
    public void a_false_condition_skips_the_step_and_satisfies_its_dependants()
    {
        var instance = Support.Started(_fixture.Engine, "talent-service-card", new Dictionary<string, CaseValue> { ["tier"] = CaseValue.Of("E") });

        instance = _fixture.Engine.Approve(instance, "talent-service-card", "verification");

        Assert.Equal(StepStatus.Skipped, instance.Step("talent-service-card", "green-channel").Status);
        Assert.Equal(StepStatus.Ready, instance.Step("talent-service-card", "issue-card").Status);
    }

    [Fact]
    public void a_true_condition_runs_the_step()
    {
        var instance = Support.Started(_fixture.Engine, "talent-service-card", new Dictionary<string, CaseValue> { ["tier"] = CaseValue.Of("A") });

        instance = _fixture.Engine.Approve(instance, "talent-service-card", "verification");

        Assert.Equal(StepStatus.Ready, instance.Step("talent-service-card", "green-channel").Status);
        Assert.Equal(StepStatus.Pending, instance.Step("talent-service-card", "issue-card").Status);
    }

    [Fact]
    public void an_expert_review_pauses_the_item_clock_but_not_its_own()
    {
        var instance = _fixture.Engine.Approve(Support.Started(_fixture.Engine, "talent-certification"), "talent-certification", "hrss-review");

        var sla = _fixture.Engine.Sla(instance);

        Assert.True(instance.Item("talent-certification").Clock.IsPaused);
        Assert.True(sla.Case.IsPaused);
        Assert.Null(sla.Case.DueAt);
        Assert.NotNull(sla.Steps.Single(s => s.StepId == "expert-review").Deadline.DueAt);
    }

    [Fact]
    public void a_public_notice_waits_five_working_days_that_do_not_count()
    {
        var instance = CertificationAtPublicNotice();
        var notice = instance.Step("talent-certification", "public-notice");

        Assert.Equal(StepStatus.Waiting, notice.Status);
        Assert.Equal(OfficeTime.EndOf(new DateOnly(2026, 3, 9)), notice.WaitUntil);
        Assert.True(instance.Clock.IsPaused);
    }

    [Fact]
    public void a_wait_refuses_to_end_early_and_ends_when_its_time_has_come()
    {
        var instance = CertificationAtPublicNotice();
        var early = _fixture.Engine.Apply(instance, new ElapseWait("system", "talent-certification", "public-notice"));
        _fixture.Clock.SetUtcNow(instance.Step("talent-certification", "public-notice").WaitUntil!.Value);

        instance = _fixture.Engine.Apply(instance, new ElapseWait("system", "talent-certification", "public-notice")).Ok();

        Assert.Equal(WorkflowErrorCodes.WaitNotElapsed, early.Error?.Code);
        Assert.Equal(StepStatus.Ready, instance.Step("talent-certification", "issue-certificate").Status);
        Assert.False(instance.Clock.IsPaused);
    }

    [Fact]
    public void a_window_step_hands_over_the_result_and_sets_its_flag()
    {
        var instance = CertificationAtPublicNotice();
        _fixture.Clock.SetUtcNow(instance.Step("talent-certification", "public-notice").WaitUntil!.Value);
        instance = _fixture.Engine.Apply(instance, new ElapseWait("system", "talent-certification", "public-notice")).Ok();

        instance = _fixture.Engine.Approve(instance, "talent-certification", "issue-certificate", "window-officer");

        Assert.Equal(CaseValue.True, instance.Data["certified"]);
        Assert.Equal(CaseStatus.Completed, instance.Status);
    }

    [Fact]
    public void a_wait_until_date_holds_the_school_place_until_the_placement_batch()
    {
        var instance = _fixture.Engine.Approve(Support.Started(_fixture.Engine, "school-enrollment"), "school-enrollment", "eligibility-review");

        Assert.Equal(new DateTimeOffset(2026, 8, 20, 0, 0, 0, OfficeTime.Offset), instance.Step("school-enrollment", "placement-batch").WaitUntil);
        _fixture.Clock.SetUtcNow(Support.At(2026, 8, 20));
        instance = _fixture.Engine.Apply(instance, new ElapseWait("system", "school-enrollment", "placement-batch")).Ok();
        Assert.Equal(StepStatus.Ready, instance.Step("school-enrollment", "placement").Status);
        Assert.Equal(SlaLight.Green, _fixture.Engine.Sla(instance).Case.Light);
    }

    [Fact]
    public void an_annual_wait_date_after_this_years_batch_waits_for_next_years()
    {
        _fixture.Clock.SetUtcNow(Support.At(2026, 9, 1));
        var instance = _fixture.Engine.Approve(Support.Started(_fixture.Engine, "school-enrollment"), "school-enrollment", "eligibility-review");

        Assert.Equal(new DateTimeOffset(2027, 8, 20, 0, 0, 0, OfficeTime.Offset), instance.Step("school-enrollment", "placement-batch").WaitUntil);
    }

    [Fact]
    public void a_step_over_its_own_limit_is_a_breach_while_the_case_is_on_time()
    {
        var instance = Support.Started(_fixture.Engine, "talent-certification");
        _fixture.Clock.SetUtcNow(Support.At(2026, 3, 10));

        var sla = _fixture.Engine.Sla(instance);

        Assert.Equal(SlaLight.Red, sla.Steps.Single(s => s.StepId == "hrss-review").Deadline.Light);
        Assert.Equal(SlaLight.Green, sla.Case.Light);
        Assert.Equal("hrss", sla.Steps.Single().Department);
    }

    [Fact]
    public void a_department_sees_only_its_ready_steps_and_the_materials_it_may_see()
    {
        var instance = _fixture.Engine.Start(Support.Open("case-1", ["settle-in"], Support.BundleMaterials("settle-in"))).Ok();

        var queue = _fixture.Engine.ReadySteps(instance, "health");
        var materials = _fixture.Engine.MaterialsVisibleTo(instance, "health").Select(m => m.Id).ToList();

        Assert.Equal(("medical-checkup", "checkup-arrangement"), (Assert.Single(queue).ItemId, queue[0].StepId));
        Assert.Contains("health-questionnaire", materials);
        Assert.DoesNotContain("child-birth-certificate", materials);
        Assert.DoesNotContain("health-questionnaire", _fixture.Engine.MaterialsVisibleTo(instance, "education").Select(m => m.Id));
    }

    [Fact]
    public void a_running_case_keeps_its_definition_version_after_a_new_one_is_published()
    {
        var running = _fixture.StartSample();
        var v1 = _fixture.Engine.Catalog.LatestItem("sample")!;
        var v2 = v1 with { Version = 2, Steps = [v1.Steps[0] with { Outcomes = [new OutcomeDefinition(Outcome.Approve, new Dictionary<string, CaseValue>())] }] };
        var engine = new WorkflowEngine(_fixture.Engine.Catalog.Publish(v2), _fixture.Clock);

        running = engine.Approve(running, "sample", "first");
        var fresh = engine.Start(new StartCase("case-2", "desk-1", ["sample"], new Dictionary<string, CaseValue>(), ["identity-card", "bank-account"])).Ok();

        Assert.Equal(1, running.Item("sample").Version);
        Assert.Equal(StepStatus.Ready, running.Step("sample", "second").Status);
        Assert.Equal((2, 1), (fresh.Item("sample").Version, fresh.Item("sample").Steps.Length));
    }
}
