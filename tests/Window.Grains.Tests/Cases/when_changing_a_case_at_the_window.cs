using Window.Contracts;
using Window.Grains.Cases;
using Window.Grains.Cases.Commands;
using static Window.Grains.Tests.Cases.CaseFixtures;

namespace Window.Grains.Tests.Cases;

public sealed class when_supplying_materials
{
    [Fact]
    public void nothing_outstanding_is_refused_by_the_engine()
    {
        var (state, instance) = Opened();

        var decision = SupplyMaterialsDecider.Decide(state, instance, new SupplyMaterialsCommand(Meta(Officer), ["health-questionnaire"]), Context());

        Assert.Equal(OutcomeStatus.Unprocessable, decision.Refusal!.Status);
    }
}

public sealed class when_recording_a_visit
{
    [Fact]
    public void the_trip_is_counted_and_journaled_with_its_purpose()
    {
        var (state, instance) = Opened();

        var decision = RecordVisitDecider.Decide(state, instance, new RecordVisitCommand(Meta(Desk), "asked about progress"), Context());

        Assert.Equal(2, decision.State!.Trips);
        var entry = Assert.Single(decision.EntriesAfter(state));
        Assert.Equal((TimelineKind.Visit.Stored, "asked about progress"), (entry.Kind, entry.Detail));
    }

    [Fact]
    public void a_withdrawn_case_counts_no_more_trips()
    {
        var (state, instance) = Opened();

        var decision = RecordVisitDecider.Decide(state with { Lifecycle = CaseStatusKind.Withdrawn.Stored }, instance, new RecordVisitCommand(Meta(Desk), null), Context());

        Assert.NotNull(decision.Refusal);
    }
}

public sealed class when_reassigning_the_officer
{
    [Fact]
    public void a_known_officer_takes_the_case()
    {
        var (state, instance) = Opened();

        var decision = ReassignOfficerDecider.Decide(state, instance, new ReassignOfficerCommand(Meta(Supervisor), "officer2"), Context(), ["officer1", "officer2"]);

        Assert.Equal("officer2", decision.State!.Officer);
        Assert.Equal(TimelineKind.OfficerAssigned.Stored, Assert.Single(decision.EntriesAfter(state)).Kind);
    }

    [Fact]
    public void someone_not_in_the_directory_is_refused()
    {
        var (state, instance) = Opened();

        var decision = ReassignOfficerDecider.Decide(state, instance, new ReassignOfficerCommand(Meta(Supervisor), "stranger"), Context(), ["officer1"]);

        Assert.Equal("unknown_officer", decision.Refusal!.Code);
    }

    [Fact]
    public void the_current_owner_is_refused()
    {
        var (state, instance) = Opened();

        var decision = ReassignOfficerDecider.Decide(state, instance, new ReassignOfficerCommand(Meta(Supervisor), Officer.User), Context(), [Officer.User]);

        Assert.Equal("same_officer", decision.Refusal!.Code);
    }
}

public sealed class when_delivering_the_result
{
    [Fact]
    public void an_undecided_case_names_its_open_items()
    {
        var (state, instance) = Opened();

        var decision = DeliverResultDecider.Decide(state, instance, new DeliverResultCommand(Meta(Desk), "post"), Context());

        Assert.Equal("not_decided", decision.Refusal!.Code);
        Assert.Equal(["medical-checkup"], decision.Refusal.Details);
    }

    [Fact]
    public void in_person_delivery_counts_a_trip_and_closes_the_case()
    {
        var (state, instance) = Completed();

        var decision = DeliverResultDecider.Decide(state, instance, new DeliverResultCommand(Meta(Desk), "in-person"), Context());

        Assert.Equal(CaseStatusKind.Delivered.Stored, decision.State!.Lifecycle);
        Assert.Equal(state.Trips + 1, decision.State.Trips);
        Assert.Equal(Now, decision.State.DeliveredAt);
    }

    [Fact]
    public void an_unknown_method_is_refused()
    {
        var (state, instance) = Completed();

        Assert.Equal("invalid_method", DeliverResultDecider.Decide(state, instance, new DeliverResultCommand(Meta(Desk), "pigeon"), Context()).Refusal!.Code);
    }
}

public sealed class when_evaluating_the_service
{
    [Fact]
    public void an_open_case_cannot_be_rated_yet()
    {
        var (state, instance) = Opened();

        Assert.Equal("not_completed", EvaluateDecider.Decide(state, instance, new EvaluateCommand(Meta(Desk), 5, null), Context()).Refusal!.Code);
    }

    [Fact]
    public void a_bad_rating_opens_a_rectification_due_in_working_days()
    {
        var (state, instance) = Completed();

        var decision = EvaluateDecider.Decide(state, instance, new EvaluateCommand(Meta(Desk), 2, "slow"), Context());

        Assert.Equal([TimelineKind.Evaluated.Stored, TimelineKind.RectificationOpened.Stored], decision.EntriesAfter(state).Select(e => e.Kind));
        Assert.Equal(Engine.Catalog.Calendar.AddWorkingDays(new DateOnly(2026, 3, 10), EvaluateDecider.RectificationDays(instance, Engine)), decision.State!.Evaluation!.RectificationDue);
    }

    [Fact]
    public void a_case_is_rated_once()
    {
        var (state, instance) = Completed();
        var rated = EvaluateDecider.Decide(state, instance, new EvaluateCommand(Meta(Desk), 5, null), Context()).State!;

        Assert.Equal("already_evaluated", EvaluateDecider.Decide(rated, instance, new EvaluateCommand(Meta(Desk, "again"), 4, null), Context()).Refusal!.Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void a_level_outside_one_to_five_is_refused(int level)
    {
        var (state, instance) = Completed();

        Assert.Equal("invalid_level", EvaluateDecider.Decide(state, instance, new EvaluateCommand(Meta(Desk), level, null), Context()).Refusal!.Code);
    }
}

public sealed class when_withdrawing
{
    [Fact]
    public void an_open_case_is_withdrawn_with_its_reason()
    {
        var (state, instance) = Opened();

        var decision = WithdrawDecider.Decide(state, instance, new WithdrawCommand(Meta(Desk), "moved away"), Context());

        Assert.Equal(CaseStatusKind.Withdrawn.Stored, decision.State!.Lifecycle);
        Assert.Equal("moved away", Assert.Single(decision.EntriesAfter(state)).Detail);
    }

    [Fact]
    public void a_completed_case_can_no_longer_be_withdrawn()
    {
        var (state, instance) = Completed();

        Assert.Equal(Refusals.Closed().Code, WithdrawDecider.Decide(state, instance, new WithdrawCommand(Meta(Desk), null), Context()).Refusal!.Code);
    }

    [Fact]
    public void a_withdrawal_without_a_reason_is_refused_naming_the_reason()
    {
        var refusal = WithdrawDecider.Validate(new WithdrawCommand(Meta(Desk), ""))!;

        Assert.Equal((OutcomeStatus.Invalid, "text_required", "reason"), (refusal.Status, refusal.Code, refusal.Field));
    }
}

public sealed class when_revealing_personal_data
{
    [Fact]
    public void the_field_and_why_not_the_value_are_journaled()
    {
        var (state, instance) = Opened();

        var decision = RevealPersonalDataDecider.Decide(state, instance, new RevealPersonalDataCommand(Meta(Officer), "idNumber", " 核对户籍地址 "), Context());

        var entry = Assert.Single(decision.EntriesAfter(state));
        Assert.Equal((TimelineKind.PersonalDataRevealed.Stored, "idNumber:核对户籍地址"), (entry.Kind, entry.Detail));
        Assert.Equal(("idNumber", "核对户籍地址"), PersonalDataReveal.Parse(entry.Detail));
    }

    [Fact]
    public void an_unknown_field_is_refused_naming_the_field()
    {
        var (state, instance) = Opened();

        var refusal = RevealPersonalDataDecider.Decide(state, instance, new RevealPersonalDataCommand(Meta(Officer), "salary", "好奇"), Context()).Refusal!;

        Assert.Equal((OutcomeStatus.Invalid, "field"), (refusal.Status, refusal.Field));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void a_reveal_that_does_not_say_why_is_refused_naming_the_reason(string? reason)
    {
        var command = new RevealPersonalDataCommand(Meta(Officer), "phone", reason);

        var refusal = CaseCommands.Validate(command)!;

        Assert.Equal((OutcomeStatus.Invalid, "reason"), (refusal.Status, refusal.Field));
    }

    [Fact]
    public void an_entry_written_before_reasons_were_asked_reads_as_its_field_alone()
    {
        Assert.Equal(("phone", (string?)null), PersonalDataReveal.Parse("phone"));
    }
}

public sealed class when_time_acts_on_a_case
{
    [Fact]
    public void nothing_changes_while_no_deadline_has_passed()
    {
        var (state, instance) = Opened();

        Assert.Null(CatchUpDecider.Decide(state, instance, Context()));
    }

    [Fact]
    public void an_overdue_step_turns_red_once()
    {
        var (state, instance) = Opened();
        var late = Context(Now.AddDays(30));

        var decision = CatchUpDecider.Decide(state, instance, late);

        Assert.Contains(decision!.EntriesAfter(state), e => e.Kind == TimelineKind.LightChanged.Stored && e is { Detail: "red", Department: "health" });
        Assert.Null(CatchUpDecider.Decide(decision.State!, instance, late));
    }
}

public sealed class when_time_is_quiet
{
    [Fact]
    public void a_catch_up_finds_nothing_before_the_quiet_instant_and_something_at_it()
    {
        var (state, instance) = Opened();
        var (settled, _, view) = Settlement.Settle(state, instance, state, instance, Context());
        var quiet = Lights.QuietUntil(view, Now);

        Assert.True(quiet > Now && quiet < DateTimeOffset.MaxValue);
        Assert.Null(CatchUpDecider.Decide(settled, instance, Context(quiet.AddTicks(-1))));
        Assert.NotNull(CatchUpDecider.Decide(settled, instance, Context(quiet)));
    }

    [Fact]
    public void a_wait_whose_end_has_passed_is_never_quiet()
    {
        var view = SettledView();
        var waiting = view with
        {
            Steps = [.. view.Steps, view.Steps[0] with { Id = "x.wait", Status = StepStatusKind.Waiting.Stored, WaitUntil = Now.AddDays(-1), WarnAt = null, DueAt = null, Light = LightKind.None.Stored }],
        };

        Assert.Equal(Now, Lights.QuietUntil(waiting, Now));
    }

    [Fact]
    public void a_light_behind_its_threshold_is_never_quiet()
    {
        var view = SettledView();
        var behind = view with { Steps = [view.Steps[0] with { DueAt = Now.AddMinutes(-1), Light = LightKind.Yellow.Stored }] };

        Assert.Equal(Now, Lights.QuietUntil(behind, Now));
    }

    [Fact]
    public void a_closed_case_is_quiet_for_ever()
    {
        var view = SettledView();
        var closed = view with { WarnAt = null, DueAt = null, Light = LightKind.None.Stored, Steps = [], ActsDueAt = null };

        Assert.Equal(DateTimeOffset.MaxValue, Lights.QuietUntil(closed, Now));
    }

    private static CaseView SettledView()
    {
        var (state, instance) = Opened();
        return Settlement.Settle(state, instance, state, instance, Context()).View;
    }
}

public sealed class when_recounting_dates
{
    [Fact]
    public void a_recount_on_the_same_calendar_is_not_due()
    {
        var (state, instance) = Opened();

        Assert.False(RecountDatesDecider.IsDue(state, instance, Engine.Catalog.Calendar.Fingerprint));
        Assert.True(RecountDatesDecider.IsDue(state with { CalendarFingerprint = null }, instance, Engine.Catalog.Calendar.Fingerprint));
    }

    [Fact]
    public void a_promise_already_printed_never_moves_earlier()
    {
        var (state, instance) = Opened();
        var later = state.PromisedBy.AddDays(7);

        var decision = RecountDatesDecider.Decide(state with { PromisedBy = later, CalendarFingerprint = null }, instance, Context());

        Assert.Equal(later, decision.State!.PromisedBy);
        Assert.Equal(Engine.Catalog.Calendar.Fingerprint, decision.State.CalendarFingerprint);
        Assert.Empty(decision.EntriesAfter(state));
    }
}
