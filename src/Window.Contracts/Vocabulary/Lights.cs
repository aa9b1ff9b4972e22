namespace Window.Contracts;

/// <summary>An SLA light (电子监察) of a case, a step or a rectification task, as stored (<c>light</c> columns, the detail of a light change).</summary>
public enum LightKind
{
    /// <summary>On time.</summary>
    Green,

    /// <summary>Close to the limit: a warning.</summary>
    Yellow,

    /// <summary>Over the limit: a breach.</summary>
    Red,

    /// <summary>Not running against a limit (closed, paused, or a step without a department).</summary>
    None,
}

/// <summary>The stored strings of <see cref="LightKind"/>.</summary>
public static class LightKinds
{
    /// <summary>The table; the SLA triggers and partial indexes compare these strings, so they must never change.</summary>
    public static StoredNames<LightKind> Names { get; } = new(
        (LightKind.Green, "green"),
        (LightKind.Yellow, "yellow"),
        (LightKind.Red, "red"),
        (LightKind.None, "none"));

    /// <summary>The member stored as <paramref name="stored"/>.</summary>
    /// <exception cref="FormatException">No member is stored so.</exception>
    public static LightKind Parse(string stored) => Names.Parse(stored);

    /// <summary>The member stored as <paramref name="stored"/>, if any.</summary>
    public static bool TryParse(string? stored, out LightKind value) => Names.TryParse(stored, out value);

    extension(LightKind value)
    {
        /// <summary>The string stored for this member.</summary>
        public string Stored => Names.Of(value);
    }
}
