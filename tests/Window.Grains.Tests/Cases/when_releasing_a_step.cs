using Window.Contracts;
using Window.Grains.Cases;
using Window.Grains.Cases.Commands;
using static Window.Grains.Tests.Cases.CaseFixtures;

namespace Window.Grains.Tests.Cases;

public sealed class when_releasing_a_step
{
    private static readonly Actor Colleague = new("nurse2", Roles.Department, "health");

    private static (CaseState State, Window.Workflows.Engine.WorkflowInstance Instance) ClaimedBy(Actor actor)
    {
        var (state, instance) = Opened();
        return After(ClaimStepDecider.Decide(state, instance, new ClaimStepCommand(Meta(actor, "claim"), Step), Context()), instance);
    }

    [Fact]
    public void the_claimer_gives_it_back_and_the_release_is_journaled_under_the_department()
    {
        var (state, instance) = ClaimedBy(Health);

        var decision = ReleaseStepDecider.Decide(state, instance, new ReleaseStepCommand(Meta(Health), Step), Context());

        Assert.Null(decision.Refusal);
        Assert.Equal(Step, decision.Target!.ToString());
        var entry = Assert.Single(decision.EntriesAfter(state));
        Assert.Equal((TimelineKind.StepReleased.Stored, "doctor1", "health", "checkup-arrangement"), (entry.Kind, entry.Actor, entry.Department, entry.StepId));
        var step = decision.Instance!.Items.Single().Steps.Single(s => s.Id == "checkup-arrangement");
        Assert.Null(step.ClaimedBy);
    }

    [Fact]
    public void a_colleague_may_claim_it_once_it_is_released()
    {
        var (state, instance) = ClaimedBy(Health);
        (state, instance) = After(ReleaseStepDecider.Decide(state, instance, new ReleaseStepCommand(Meta(Health, "release"), Step), Context()), instance);

        var decision = ClaimStepDecider.Decide(state, instance, new ClaimStepCommand(Meta(Colleague, "again"), Step), Context());

        Assert.Null(decision.Refusal);
        Assert.Equal("nurse2", decision.Instance!.Items.Single().Steps.Single(s => s.Id == "checkup-arrangement").ClaimedBy);
    }

    [Fact]
    public void a_colleague_cannot_release_someone_elses_claim()
    {
        var (state, instance) = ClaimedBy(Health);

        var decision = ReleaseStepDecider.Decide(state, instance, new ReleaseStepCommand(Meta(Colleague), Step), Context());

        Assert.Equal((OutcomeStatus.Conflict, "claimed_by_other"), (decision.Refusal!.Status, decision.Refusal.Code));
    }

    [Fact]
    public void a_step_nobody_claimed_is_refused_as_a_conflict()
    {
        var (state, instance) = Opened();

        var decision = ReleaseStepDecider.Decide(state, instance, new ReleaseStepCommand(Meta(Health), Step), Context());

        Assert.Equal((OutcomeStatus.Conflict, "step_not_claimed"), (decision.Refusal!.Status, decision.Refusal.Code));
    }

    [Fact]
    public void another_department_finds_no_such_step()
    {
        var (state, instance) = ClaimedBy(Health);

        var decision = ReleaseStepDecider.Decide(state, instance, new ReleaseStepCommand(Meta(Housing), Step), Context());

        Assert.Equal(OutcomeStatus.NotFound, decision.Refusal!.Status);
    }

    [Fact]
    public void a_withdrawn_case_is_closed()
    {
        var (state, instance) = ClaimedBy(Health);

        var decision = ReleaseStepDecider.Decide(state with { Lifecycle = CaseStatusKind.Withdrawn.Stored }, instance, new ReleaseStepCommand(Meta(Health), Step), Context());

        Assert.Equal(Refusals.Closed().Code, decision.Refusal!.Code);
    }

    [Fact]
    public void only_department_staff_may_release_and_the_command_has_its_own_name()
    {
        var (state, _) = ClaimedBy(Health);

        Assert.Null(AccessRules.Authorize(state, new ReleaseStepCommand(Meta(Health), Step)));
        Assert.Equal(OutcomeStatus.Forbidden, AccessRules.Authorize(state, new ReleaseStepCommand(Meta(Officer), Step))!.Status);
        Assert.Equal("release-step", CaseCommands.NameOf(new ReleaseStepCommand(Meta(Health), Step)));
    }
}
