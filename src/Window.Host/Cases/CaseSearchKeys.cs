using System.Text;
using System.Text.RegularExpressions;
using Window.Contracts;
using Window.Host.Privacy;
using Window.Storage.ReadModel;

namespace Window.Host.Cases;

/// <summary>What the one search box of the staff header understood a query as.</summary>
public enum SearchKind
{
    /// <summary>A whole receipt number: RC-2026-000123.</summary>
    Number,

    /// <summary>The last digits of a receipt number (at least <see cref="CaseSearchKeys.MinLastDigits"/>).</summary>
    NumberEnding,

    /// <summary>A whole resident ID number (18 characters).</summary>
    IdNumber,

    /// <summary>A whole mobile number (11 digits, a +86 / 0086 prefix dropped).</summary>
    Phone,

    /// <summary>Anything else: a talent's whole name.</summary>
    Name,
}

/// <summary>A query of the search box, understood: the kind and what the read model compares (never the typed value).</summary>
/// <param name="Kind">What it was taken for.</param>
/// <param name="Number">For <see cref="SearchKind.Number"/>: the receipt number.</param>
/// <param name="Term">For an ID number, phone or name: its search term (a keyed hash).</param>
/// <param name="LastDigits">For <see cref="SearchKind.NumberEnding"/>: the digits the number ends in.</param>
public sealed record SearchLookup(SearchKind Kind, string? Number = null, string? Term = null, string? LastDigits = null)
{
    /// <summary><paramref name="filter"/> narrowed to the cases this lookup finds.</summary>
    public CaseFilter Narrow(CaseFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return filter with { Number = Number, Term = Term, NumberEndsWith = LastDigits };
    }
}

/// <summary>
/// The search terms of a case and of a query (issue 18). A talent's name, ID number and phone are compared as keyed
/// hashes of their normalised forms (<see cref="SearchNormalization"/>, <see cref="PersonalDataProtector.SearchHash"/>),
/// exactly, so the read model never holds them and never has to be decrypted to search; a case number by itself or by
/// its last digits (<see cref="SearchTerm.NumberTail"/>).
/// </summary>
public sealed partial class CaseSearchKeys(PersonalDataProtector protector)
{
    /// <summary>
    /// The fewest last digits searched: two digits match one case in a hundred (10,000 at a million cases), three one in a
    /// thousand; a number's own 6 digits one per year.
    /// </summary>
    public const int MinLastDigits = 3;

    /// <summary>The problem code of digits too few to search a number's last digits by.</summary>
    public const string TooFewDigits = "too_few_digits";

    /// <summary>The problem code of digits that are neither a phone, an ID number nor a number's last digits.</summary>
    public const string NotUnderstood = "query_not_understood";

    /// <summary>The most digits a number's last digits can be: the year's 4 and the sequence's 6.</summary>
    private const int MaxLastDigits = 10;

    private const string NameField = "name";
    private const string IdNumberField = "id-number";
    private const string PhoneField = "phone";

    /// <summary>Every term a case is found by: its talent's name, ID number and phone (hashed) and its number's digits.</summary>
    public IReadOnlyCollection<string> TermsOf(string number, TalentIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(number);
        ArgumentNullException.ThrowIfNull(identity);
        return
        [
            Term(NameField, SearchNormalization.Name(identity.Name)),
            Term(IdNumberField, SearchNormalization.IdNumber(identity.IdNumber)),
            Term(PhoneField, SearchNormalization.Phone(identity.Phone)),
            SearchTerm.NumberTail(number),
        ];
    }

    /// <summary>
    /// What a query of the search box looks for: a receipt number (whole, or from "RC" its last digits), digits alone (a
    /// mobile number when they make one, else a number's last digits), 17 digits and a check character (an ID number),
    /// anything else a name. Full-width characters count as their plain forms. A refusal names the field <c>query</c>.
    /// </summary>
    public (SearchLookup? Lookup, QueryRefusal? Refusal) Parse(string? query)
    {
        if (TextRules.Check(query, TextRules.Name, "query", required: true) is { } problem)
        {
            return (null, Refusal(problem.Code, problem.Message));
        }

        var text = query!.Normalize(NormalizationForm.FormKC).Trim();
        if (text.Length == 0)
        {
            return (null, Refusal("text_required", "query is required: a case number, a name, an ID number or a phone number."));
        }

        if (WholeNumber().IsMatch(text))
        {
            return (new SearchLookup(SearchKind.Number, Number: text.ToUpperInvariant()), null);
        }

        var compact = new string([.. text.Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '(' or ')' or '+'))]);
        if (IdNumberShape().IsMatch(compact))
        {
            return (new SearchLookup(SearchKind.IdNumber, Term: Term(IdNumberField, SearchNormalization.IdNumber(compact))), null);
        }

        var numberDigits = compact.StartsWith("RC", StringComparison.OrdinalIgnoreCase) ? compact[2..] : null;
        if (numberDigits is null && compact.All(char.IsAsciiDigit) && SearchNormalization.Phone(compact) is { Length: 11 } phone && phone[0] == '1')
        {
            return (new SearchLookup(SearchKind.Phone, Term: Term(PhoneField, phone)), null);
        }

        if ((numberDigits ?? compact) is { Length: > 0 } digits && digits.All(char.IsAsciiDigit))
        {
            return digits.Length switch
            {
                < MinLastDigits => (null, Refusal(TooFewDigits, $"Type at least {MinLastDigits} last digits of a case number.")),
                > MaxLastDigits => (null, Refusal(NotUnderstood,
                    "Digits alone are a mobile number (11 digits), an ID number (18 characters) or the last digits of a case number (up to 10).")),
                _ => (new SearchLookup(SearchKind.NumberEnding, LastDigits: digits), null),
            };
        }

        return (new SearchLookup(SearchKind.Name, Term: Term(NameField, SearchNormalization.Name(text))), null);
    }

    private static QueryRefusal Refusal(string code, string message) => new(StatusCodes.Status400BadRequest, code, message, "query");

    private string Term(string field, string normalized) => SearchTerm.Keyed(protector.SearchHash(field, normalized));

    [GeneratedRegex(@"^RC-[0-9]{4}-[0-9]{6}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WholeNumber();

    [GeneratedRegex(@"^[0-9]{17}[0-9Xx]$", RegexOptions.CultureInvariant)]
    private static partial Regex IdNumberShape();
}
