namespace Window.Contracts;

/// <summary>Where a case stands, as staff see it and the read model stores it (<c>window_cases.status</c>, <c>window_steps.case_status</c>).</summary>
public enum CaseStatusKind
{
    /// <summary>Some item is still undecided.</summary>
    Open,

    /// <summary>Every item is decided; the result is not delivered yet.</summary>
    Completed,

    /// <summary>The result was delivered.</summary>
    Delivered,

    /// <summary>The case was withdrawn; its steps leave the queues and the SLA counts.</summary>
    Withdrawn,

    /// <summary>The case was terminated (终止): its open items ended, its steps were cancelled.</summary>
    Terminated,
}

/// <summary>The stored strings of <see cref="CaseStatusKind"/>.</summary>
public static class CaseStatusKinds
{
    /// <summary>The table; the SQL triggers and partial indexes compare these strings, so they must never change.</summary>
    public static StoredNames<CaseStatusKind> Names { get; } = new(
        (CaseStatusKind.Open, "open"),
        (CaseStatusKind.Completed, "completed"),
        (CaseStatusKind.Delivered, "delivered"),
        (CaseStatusKind.Withdrawn, "withdrawn"),
        (CaseStatusKind.Terminated, "terminated"));

    /// <summary>The member stored as <paramref name="stored"/>.</summary>
    /// <exception cref="FormatException">No member is stored so.</exception>
    public static CaseStatusKind Parse(string stored) => Names.Parse(stored);

    /// <summary>The member stored as <paramref name="stored"/>, if any.</summary>
    public static bool TryParse(string? stored, out CaseStatusKind value) => Names.TryParse(stored, out value);

    extension(CaseStatusKind value)
    {
        /// <summary>The string stored for this member.</summary>
        public string Stored => Names.Of(value);
    }
}

/// <summary>Where one item of a case stands (<c>window_case_items.status</c>).</summary>
public enum ItemStatusKind
{
    /// <summary>Steps are still running.</summary>
    Open,

    /// <summary>Every step was approved, elapsed or skipped.</summary>
    Approved,

    /// <summary>A step rejected the item.</summary>
    Rejected,
}

/// <summary>The stored strings of <see cref="ItemStatusKind"/>.</summary>
public static class ItemStatusKinds
{
    /// <summary>The table; stored strings must never change.</summary>
    public static StoredNames<ItemStatusKind> Names { get; } = new(
        (ItemStatusKind.Open, "open"),
        (ItemStatusKind.Approved, "approved"),
        (ItemStatusKind.Rejected, "rejected"));

    /// <summary>The member stored as <paramref name="stored"/>.</summary>
    /// <exception cref="FormatException">No member is stored so.</exception>
    public static ItemStatusKind Parse(string stored) => Names.Parse(stored);

    /// <summary>The member stored as <paramref name="stored"/>, if any.</summary>
    public static bool TryParse(string? stored, out ItemStatusKind value) => Names.TryParse(stored, out value);

    extension(ItemStatusKind value)
    {
        /// <summary>The string stored for this member.</summary>
        public string Stored => Names.Of(value);
    }
}

/// <summary>Where one step stands (<c>window_steps.status</c>).</summary>
public enum StepStatusKind
{
    /// <summary>Waiting for its dependencies.</summary>
    Pending,

    /// <summary>Waiting to be claimed or decided.</summary>
    Ready,

    /// <summary>Claimed by a department officer.</summary>
    Claimed,

    /// <summary>Returned for supplement; resumes when the materials are supplied.</summary>
    Returned,

    /// <summary>A wait step until its end (stored as the row's due instant).</summary>
    Waiting,

    /// <summary>Decided, or a wait that elapsed.</summary>
    Done,

    /// <summary>Its condition was false.</summary>
    Skipped,

    /// <summary>Its item was rejected before it ran.</summary>
    Cancelled,
}

/// <summary>The stored strings of <see cref="StepStatusKind"/>.</summary>
public static class StepStatusKinds
{
    /// <summary>The table; the queue's partial index compares these strings, so they must never change.</summary>
    public static StoredNames<StepStatusKind> Names { get; } = new(
        (StepStatusKind.Pending, "pending"),
        (StepStatusKind.Ready, "ready"),
        (StepStatusKind.Claimed, "claimed"),
        (StepStatusKind.Returned, "returned"),
        (StepStatusKind.Waiting, "waiting"),
        (StepStatusKind.Done, "done"),
        (StepStatusKind.Skipped, "skipped"),
        (StepStatusKind.Cancelled, "cancelled"));

    /// <summary>The member stored as <paramref name="stored"/>.</summary>
    /// <exception cref="FormatException">No member is stored so.</exception>
    public static StepStatusKind Parse(string stored) => Names.Parse(stored);

    /// <summary>The member stored as <paramref name="stored"/>, if any.</summary>
    public static bool TryParse(string? stored, out StepStatusKind value) => Names.TryParse(stored, out value);

    extension(StepStatusKind value)
    {
        /// <summary>The string stored for this member.</summary>
        public string Stored => Names.Of(value);
    }
}

/// <summary>Where one material of a case stands (<c>window_case_materials.status</c>).</summary>
public enum MaterialStatusKind
{
    /// <summary>Collected.</summary>
    Provided,

    /// <summary>Accepted as missing under 容缺受理.</summary>
    Deferred,

    /// <summary>Asked for by a return for supplement.</summary>
    Requested,
}

/// <summary>The stored strings of <see cref="MaterialStatusKind"/>.</summary>
public static class MaterialStatusKinds
{
    /// <summary>The table; stored strings must never change.</summary>
    public static StoredNames<MaterialStatusKind> Names { get; } = new(
        (MaterialStatusKind.Provided, "provided"),
        (MaterialStatusKind.Deferred, "deferred"),
        (MaterialStatusKind.Requested, "requested"));

    /// <summary>The member stored as <paramref name="stored"/>.</summary>
    /// <exception cref="FormatException">No member is stored so.</exception>
    public static MaterialStatusKind Parse(string stored) => Names.Parse(stored);

    /// <summary>The member stored as <paramref name="stored"/>, if any.</summary>
    public static bool TryParse(string? stored, out MaterialStatusKind value) => Names.TryParse(stored, out value);

    extension(MaterialStatusKind value)
    {
        /// <summary>The string stored for this member.</summary>
        public string Stored => Names.Of(value);
    }
}
