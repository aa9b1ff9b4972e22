using System.Text.RegularExpressions;

namespace Window.Ui.Tests;

/// <summary>What the browser journeys type at the desk and read back from its pages.</summary>
public static partial class Talents
{
    /// <summary>A valid resident ID number: 17 digits and their ISO 7064 MOD 11-2 check character.</summary>
    public static string IdNumber(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = first17.Select((c, i) => (c - '0') * weights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }

    /// <summary>The case id in the address of the receipt the desk lands on after accepting.</summary>
    public static string CaseIdOfReceipt(string url) => ReceiptUrl().Match(url).Groups[1].Value;

    [GeneratedRegex("/cases/([^/]+)/receipt")]
    private static partial Regex ReceiptUrl();
}
