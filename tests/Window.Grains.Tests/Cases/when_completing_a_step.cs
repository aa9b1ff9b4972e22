using Window.Contracts;
using Window.Grains.Cases;
using Window.Grains.Cases.Commands;
using Window.Workflows.Engine;
using static Window.Grains.Tests.Cases.CaseFixtures;

namespace Window.Grains.Tests.Cases;

public sealed class when_completing_a_step
{
    [Fact]
    public void an_approval_of_the_only_step_completes_the_case()
    {
        var (state, _) = Opened();

        var (completed, instance) = Completed();

        Assert.Equal(CaseStatus.Completed, instance.Status);
        Assert.Contains(completed.Timeline.Skip(state.Timeline.Count), e => e.Kind == TimelineKind.StepCompleted.Stored && e.Department == "health");
        Assert.Contains(completed.Timeline, e => e.Kind == TimelineKind.CaseCompleted.Stored);
    }

    [Fact]
    public void a_department_cannot_complete_another_departments_step()
    {
        var (state, instance) = Opened();

        var decision = CompleteStepDecider.Decide(state, instance, new CompleteStepCommand(Meta(Housing), Step, "approve", null, []), Context());

        Assert.Equal(OutcomeStatus.NotFound, decision.Refusal!.Status);
        Assert.Null(decision.State);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("maybe")]
    public void an_outcome_must_be_named(string outcome)
    {
        var (state, instance) = Opened();

        var decision = CompleteStepDecider.Decide(state, instance, new CompleteStepCommand(Meta(Health), Step, outcome, null, []), Context());

        Assert.Equal("invalid_request", decision.Refusal!.Code);
        Assert.Equal("outcome", decision.Refusal.Field);
        Assert.NotNull(decision.Target);
    }

    [Fact]
    public void a_rejection_without_a_reason_is_refused()
    {
        var (state, instance) = Opened();

        var decision = CompleteStepDecider.Decide(state, instance, new CompleteStepCommand(Meta(Health), Step, "reject", null, []), Context());

        Assert.Equal(OutcomeStatus.Invalid, decision.Refusal!.Status);
        Assert.Equal("reason", decision.Refusal.Field);
    }

    [Fact]
    public void a_reason_longer_than_the_text_rule_allows_is_refused_before_the_case_is_touched()
    {
        var command = new CompleteStepCommand(Meta(Health), Step, "reject", new string('x', TextRules.FreeTextMaxLength + 1), []);

        Assert.Equal("reason", CompleteStepDecider.Validate(command)!.Field);
    }

    [Fact]
    public void a_closed_case_takes_no_decision()
    {
        var (state, instance) = Opened();

        var decision = CompleteStepDecider.Decide(state with { Lifecycle = CaseStatusKind.Withdrawn.Stored }, instance, new CompleteStepCommand(Meta(Health), Step, "approve", null, []), Context());

        Assert.Equal(Refusals.Closed().Code, decision.Refusal!.Code);
    }
}
