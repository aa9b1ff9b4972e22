namespace Window.Host.Components.Supervision;

/// <summary>
/// The lights' colours on the dashboard's charts: exactly the case pages' (<c>--w-green</c>, <c>--w-yellow</c>,
/// <c>--w-red</c> in wwwroot/css/window.css; a test compares them), and a neutral blue for counts that are not lights.
/// </summary>
public static class LightColours
{
    public const string Green = "#2e8b57";
    public const string Yellow = "#d99100";
    public const string Red = "#c8312b";
    public const string Neutral = "#1f4e9c";
    public const string Muted = "#8a94a6";

    /// <summary>The colour of a stored light name.</summary>
    public static string Of(string light) => light switch
    {
        "green" => Green,
        "yellow" => Yellow,
        "red" => Red,
        _ => Muted,
    };
}
