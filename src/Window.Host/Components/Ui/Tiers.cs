namespace Window.Host.Components.Ui;

/// <summary>A talent tier (A–E) as pages show it: the letter and its name, "C · 省级领军人才".</summary>
public static class Tiers
{
    /// <summary>The tier with its name; the letter alone for a tier without a text.</summary>
    public static string Of(string tier) => Text.Of("tier." + tier) is var name && name != "tier." + tier ? $"{tier} · {name}" : tier;
}
