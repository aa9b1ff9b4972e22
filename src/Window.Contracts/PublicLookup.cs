using System.Text;

namespace Window.Contracts;

/// <summary>
/// How a talent's typing of the receipt's case number and lookup code is read (issue 18): the public API and the progress
/// page both pass what was typed through here before the number is looked up, limited or compared.
/// </summary>
public static class PublicLookup
{
    /// <summary>The longest case number worth looking up (<c>RC-2026-000123</c> has 14 characters).</summary>
    public const int MaxNumberLength = 40;

    /// <summary>The case number printed on a receipt, as the page's hint shows it.</summary>
    public const string NumberExample = "RC-2026-000123";

    /// <summary>
    /// A case number or lookup code as typed: full-width letters, digits and dashes that a Chinese input method produces
    /// folded to ASCII (NFKC: <c>ｒｃ－２０２６</c> → <c>rc-2026</c>), spaces around dropped, upper-cased.
    /// </summary>
    public static string Normalize(string typed)
    {
        ArgumentNullException.ThrowIfNull(typed);

        // A lone surrogate (possible in a JSON string) makes string.Normalize throw; such a value never matches anyway.
        var folded = typed.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0 ? typed : typed.Normalize(NormalizationForm.FormKC);
        return folded.Trim().ToUpperInvariant();
    }
}
