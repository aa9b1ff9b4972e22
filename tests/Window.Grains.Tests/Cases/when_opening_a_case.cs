using Window.Contracts;
using Window.Grains.Cases;
using Window.Grains.Cases.Commands;
using static Window.Grains.Tests.Cases.CaseFixtures;

namespace Window.Grains.Tests.Cases;

public sealed class when_opening_a_case
{
    [Fact]
    public void the_first_state_is_numbered_owned_and_promised()
    {
        var (state, instance) = Opened();

        Assert.Equal("RC-2026-000001", state.Number);
        Assert.Equal(Officer.User, state.Officer);
        Assert.Equal(1, state.Trips);
        Assert.True(state.PromisedBy > DateOnly.FromDateTime(Now.Date));
        Assert.Equal(ReplayLedger.KeyOf(MedicalCheckup().Meta), state.OpeningKey);
        Assert.Equal(TimelineKind.OfficerAssigned.Stored, state.Timeline[^1].Kind);
        Assert.Equal(Enumerable.Range(1, state.Timeline.Count), state.Timeline.Select(e => e.Seq));
        Assert.Single(instance.Items);
    }

    [Fact]
    public void a_supplement_date_in_the_past_is_refused_before_the_engine_starts()
    {
        var command = MedicalCheckup() with { Deferred = [new DeferredMaterial("health-questionnaire", new DateOnly(2026, 3, 9))] };

        var (accepted, refusal) = OpenCaseDecider.Accept(command, Context());

        Assert.Null(accepted);
        Assert.Equal("invalid_due", refusal!.Code);
        Assert.Equal("deferred", refusal.Field);
    }

    [Fact]
    public void an_unknown_item_is_refused_with_the_engines_reason()
    {
        var (accepted, refusal) = OpenCaseDecider.Accept(MedicalCheckup() with { Items = ["no-such-item"] }, Context());

        Assert.Null(accepted);
        Assert.Equal(OutcomeStatus.Unprocessable, refusal!.Status);
        Assert.Equal("items", refusal.Field);
    }

    [Fact]
    public void only_the_front_desk_opens_cases()
    {
        Assert.Null(AccessRules.MayOpen(Desk));
        Assert.Equal(OutcomeStatus.Forbidden, AccessRules.MayOpen(Officer)!.Status);
    }
}
