namespace Window.Contracts;

/// <summary>How a department decided a step (<c>window_steps.outcome</c>).</summary>
public enum OutcomeKind
{
    /// <summary>The step passes.</summary>
    Approve,

    /// <summary>The item ends, rejected, with a reason.</summary>
    Reject,

    /// <summary>补正: the step waits for named materials.</summary>
    Return,
}

/// <summary>The stored strings of <see cref="OutcomeKind"/>.</summary>
public static class OutcomeKinds
{
    /// <summary>The table; stored strings must never change.</summary>
    public static StoredNames<OutcomeKind> Names { get; } = new(
        (OutcomeKind.Approve, "approve"),
        (OutcomeKind.Reject, "reject"),
        (OutcomeKind.Return, "return"));

    /// <summary>The member stored as <paramref name="stored"/>.</summary>
    /// <exception cref="FormatException">No member is stored so.</exception>
    public static OutcomeKind Parse(string stored) => Names.Parse(stored);

    /// <summary>The member stored as <paramref name="stored"/>, if any.</summary>
    public static bool TryParse(string? stored, out OutcomeKind value) => Names.TryParse(stored, out value);

    extension(OutcomeKind value)
    {
        /// <summary>The string stored for this member.</summary>
        public string Stored => Names.Of(value);
    }
}
