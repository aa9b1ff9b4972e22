using Window.Contracts;
using Window.Workflows.Definitions;
using Window.Workflows.Engine;
using Window.Workflows.Sla;

namespace Window.Grains.Cases;

/// <summary>
/// The engine's enums in the stored vocabulary of <see cref="Window.Contracts"/>: an explicit mapping, so that renaming an
/// engine member can never change what grain state, the read model and the SQL triggers hold.
/// </summary>
public static class CaseVocabulary
{
    /// <summary>How a result may be handed over; in person counts as a trip.</summary>
    public static class Delivery
    {
        public const string Post = "post";
        public const string Online = "online";
        public const string InPerson = "in-person";
    }

    /// <summary>The name of a step's kind in views and the read model (the camel-cased engine member, written out).</summary>
    public static string NameOf(StepKind kind) => kind switch
    {
        StepKind.Review => "review",
        StepKind.ExpertReview => "expertReview",
        StepKind.WaitUntil => "waitUntil",
        StepKind.WaitDays => "waitDays",
        StepKind.Window => "window",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A step kind without a stored name."),
    };

    /// <summary>The timeline kind of an engine journal action.</summary>
    public static TimelineKind KindOf(JournalAction action) => action switch
    {
        JournalAction.Accepted => TimelineKind.Accepted,
        JournalAction.StepReady => TimelineKind.StepReady,
        JournalAction.StepSkipped => TimelineKind.StepSkipped,
        JournalAction.StepClaimed => TimelineKind.StepClaimed,
        JournalAction.StepReleased => TimelineKind.StepReleased,
        JournalAction.StepCompleted => TimelineKind.StepCompleted,
        JournalAction.StepReturned => TimelineKind.StepReturned,
        JournalAction.MaterialsSupplied => TimelineKind.MaterialsSupplied,
        JournalAction.StepResumed => TimelineKind.StepResumed,
        JournalAction.WaitElapsed => TimelineKind.WaitElapsed,
        JournalAction.StepCancelled => TimelineKind.StepCancelled,
        JournalAction.ItemApproved => TimelineKind.ItemApproved,
        JournalAction.ItemRejected => TimelineKind.ItemRejected,
        JournalAction.CaseCompleted => TimelineKind.CaseCompleted,
        JournalAction.StepAssigned => TimelineKind.StepAssigned,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "An engine action without a timeline kind."),
    };

    /// <summary>The stored outcome of an engine outcome.</summary>
    public static OutcomeKind KindOf(Outcome outcome) => outcome switch
    {
        Outcome.Approve => OutcomeKind.Approve,
        Outcome.Reject => OutcomeKind.Reject,
        Outcome.Return => OutcomeKind.Return,
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "An outcome without a stored name."),
    };

    /// <summary>The engine outcome of a stored (or requested) outcome.</summary>
    public static Outcome OutcomeOf(OutcomeKind kind) => kind switch
    {
        OutcomeKind.Approve => Outcome.Approve,
        OutcomeKind.Reject => Outcome.Reject,
        OutcomeKind.Return => Outcome.Return,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "An outcome the engine does not know."),
    };

    /// <summary>The stored light of an SLA light.</summary>
    public static LightKind KindOf(SlaLight light) => light switch
    {
        SlaLight.Green => LightKind.Green,
        SlaLight.Yellow => LightKind.Yellow,
        SlaLight.Red => LightKind.Red,
        _ => throw new ArgumentOutOfRangeException(nameof(light), light, "A light without a stored name."),
    };

    /// <summary>The stored status of an engine step status.</summary>
    public static StepStatusKind KindOf(StepStatus status) => status switch
    {
        StepStatus.Pending => StepStatusKind.Pending,
        StepStatus.Ready => StepStatusKind.Ready,
        StepStatus.Claimed => StepStatusKind.Claimed,
        StepStatus.Returned => StepStatusKind.Returned,
        StepStatus.Waiting => StepStatusKind.Waiting,
        StepStatus.Done => StepStatusKind.Done,
        StepStatus.Skipped => StepStatusKind.Skipped,
        StepStatus.Cancelled => StepStatusKind.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "A step status without a stored name."),
    };

    /// <summary>The stored status of an engine item status.</summary>
    public static ItemStatusKind KindOf(ItemStatus status) => status switch
    {
        ItemStatus.Open => ItemStatusKind.Open,
        ItemStatus.Approved => ItemStatusKind.Approved,
        ItemStatus.Rejected => ItemStatusKind.Rejected,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "An item status without a stored name."),
    };

    /// <summary>The stored status of an engine material status.</summary>
    public static MaterialStatusKind KindOf(MaterialStatus status) => status switch
    {
        MaterialStatus.Provided => MaterialStatusKind.Provided,
        MaterialStatus.Deferred => MaterialStatusKind.Deferred,
        MaterialStatus.Requested => MaterialStatusKind.Requested,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "A material status without a stored name."),
    };
}
