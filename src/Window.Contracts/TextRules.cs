using System.Globalization;

namespace Window.Contracts;

/// <summary>What a text field may hold: its longest length and whether it is one line.</summary>
/// <param name="MaxLength">
/// In UTF-16 code units, the unit of HTML's <c>maxlength</c>, so a form that stops typing at the limit and the server
/// that checks it agree (a CJK character is one unit, an emoji two).
/// </param>
/// <param name="SingleLine">Names are printed on one line of a receipt or a log: no line breaks or tabs.</param>
public sealed record TextRule(int MaxLength, bool SingleLine);

/// <summary>Why a text was refused: one of the <c>text_*</c> problem codes and a sentence naming the field.</summary>
public sealed record TextProblem(string Code, string Message);

/// <summary>
/// The one definition of how long and how clean free text must be (issue 16): the API validates requests with it, the
/// case grain's deciders refuse commands with it, and the pages set <c>maxlength</c> and show its messages from it.
/// </summary>
public static class TextRules
{
    /// <summary>Reasons, visit purposes, comments: enough for a paragraph, small enough that a case's state stays small.</summary>
    public const int FreeTextMaxLength = 500;

    /// <summary>A person's name: Chinese names are 2–4 characters, transliterated foreign names rarely pass 40.</summary>
    public const int NameMaxLength = 50;

    /// <summary>The largest JSON request body of the API: the largest real request (an opening with a bundle's checklist) is under 2 KB.</summary>
    public const int JsonBodyMaxBytes = 64 * 1024;

    /// <summary>Reasons, purposes and comments.</summary>
    public static readonly TextRule FreeText = new(FreeTextMaxLength, SingleLine: false);

    /// <summary>Names of people.</summary>
    public static readonly TextRule Name = new(NameMaxLength, SingleLine: true);

    /// <summary>
    /// The problem of a value under <paramref name="rule"/>, or <see langword="null"/> when it is acceptable. An absent or
    /// empty value is acceptable unless <paramref name="required"/>; a present one must carry visible text.
    /// </summary>
    public static TextProblem? Check(string? value, TextRule rule, string field, bool required = false)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (string.IsNullOrEmpty(value))
        {
            return required ? new TextProblem("text_required", $"{field} is required.") : null;
        }

        if (value.Length > rule.MaxLength)
        {
            return new TextProblem("text_too_long", $"{field} has at most {rule.MaxLength} characters.");
        }

        var visible = false;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (IsBidiControl(c))
            {
                // Reordering controls make a stored text read differently from what it holds (Trojan Source, CVE-2021-42574).
                return new TextProblem("text_forbidden_characters", $"{field} contains a text-direction control character.");
            }

            if (char.IsControl(c) && !(!rule.SingleLine && c is '\n' or '\r' or '\t'))
            {
                // NUL, BEL, escape sequences and, in a one-line field, line breaks forge log lines and terminal output.
                return new TextProblem("text_forbidden_characters", $"{field} contains a control character.");
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                visible = true;
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return new TextProblem("text_forbidden_characters", $"{field} contains a broken character (a lone surrogate).");
            }

            visible |= !char.IsWhiteSpace(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format;
        }

        // Spaces and zero-width characters alone look empty on every screen and receipt.
        return visible ? null : new TextProblem("text_blank", $"{field} has no visible text.");
    }

    private static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
