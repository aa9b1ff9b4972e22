namespace Window.Grains.Cases;

/// <summary>
/// The stored strings the case's deciders write and read, in one place until the typed vocabulary of Window.Contracts
/// replaces them. They are stored in grain state, the read model and SQL triggers: never change one.
/// </summary>
public static class CaseVocabulary
{
    /// <summary>The lifecycle a case's state records beside the engine's status.</summary>
    public static class Lifecycle
    {
        public const string Open = "open";
        public const string Delivered = "delivered";
        public const string Withdrawn = "withdrawn";
    }

    /// <summary>Timeline kinds the grain writes itself (the engine's own come from its journal).</summary>
    public static class Kinds
    {
        public const string OfficerAssigned = "officer-assigned";
        public const string Visit = "visit";
        public const string Delivered = "delivered";
        public const string Evaluated = "evaluated";
        public const string RectificationOpened = "rectification-opened";
        public const string Withdrawn = "withdrawn";
        public const string PersonalDataRevealed = "personal-data-revealed";
        public const string PromisePostponed = "promise-postponed";
        public const string LightChanged = "light-changed";
        public const string StepCompleted = "step-completed";
        public const string CaseCompleted = "case-completed";
        public const string ItemApproved = "item-approved";
        public const string ItemRejected = "item-rejected";
    }

    /// <summary>How a result may be handed over; in person counts as a trip.</summary>
    public static class Delivery
    {
        public const string Post = "post";
        public const string Online = "online";
        public const string InPerson = "in-person";
    }
}
