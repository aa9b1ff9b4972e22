using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Window.Host.Documents;

/// <summary>A text in Chinese (the notice's language) and English; <c>{name}</c> marks a fact (<see cref="DocumentFacts.ValueNames"/>).</summary>
public sealed record TemplateText(string Zh, string En)
{
    public string In(string language) => language == DocumentLanguage.English ? En : Zh;
}

/// <summary>
/// One block of a document's body. <see cref="Type"/>: <c>paragraph</c> (<see cref="Text"/>, first line indented unless
/// <see cref="Indent"/> is false), <c>note</c> (a small grey paragraph), <c>heading</c>, <c>fields</c> (label/value
/// pairs), <c>table</c> (<see cref="Columns"/> over the fact table <see cref="Rows"/>, with <see cref="Widths"/>) or
/// <c>qr</c> (a QR code of the progress page with <see cref="Text"/> as its caption). With <see cref="When"/> the block
/// appears only when that fact (a value or a table) is not empty.
/// </summary>
public sealed record TemplateBlock(
    string Type,
    TemplateText? Text = null,
    string? When = null,
    bool Indent = true,
    string? Rows = null,
    IReadOnlyList<TemplateText>? Columns = null,
    IReadOnlyList<double>? Widths = null,
    IReadOnlyList<TemplateField>? Fields = null);

/// <summary>A label and its value in a <c>fields</c> block.</summary>
public sealed record TemplateField(TemplateText Label, TemplateText Value, string? When = null);

/// <summary>
/// The template of one kind of document (<c>Templates/{kind}.json</c>): its title and body. Every document also prints
/// the office's letterhead, its number under the title, and the signature with the date and seal area at the end.
/// </summary>
public sealed partial record DocumentTemplate(string Kind, TemplateText Title, IReadOnlyList<TemplateBlock> Blocks, TemplateText Seal)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    private static readonly string[] BlockTypes = ["paragraph", "note", "heading", "fields", "table", "qr"];

    /// <summary>Every registered kind's template, read from the assembly and checked (a mistake stops the host's start).</summary>
    public static IReadOnlyDictionary<string, DocumentTemplate> LoadAll() =>
        DocumentKinds.All.ToDictionary(kind => kind.Id, kind => Load(kind.Id), StringComparer.Ordinal);

    /// <summary>The template of <paramref name="kind"/>, checked: every text in both languages, every fact and table known.</summary>
    public static DocumentTemplate Load(string kind)
    {
        var name = $"documents/templates/{kind}.json";
        using var stream = typeof(DocumentTemplate).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The document kind '{kind}' has no template {name}.");
        var template = JsonSerializer.Deserialize<DocumentTemplate>(stream, Json)
            ?? throw new InvalidOperationException($"{name}: empty.");
        var problems = template.Problems().ToList();
        if (template.Kind != kind)
        {
            problems.Insert(0, $"kind is '{template.Kind}', expected '{kind}'");
        }

        return problems.Count == 0 ? template : throw new InvalidOperationException($"{name}: {string.Join("; ", problems)}.");
    }

    /// <summary><paramref name="text"/> in <paramref name="language"/> with its facts filled in.</summary>
    public static string Fill(TemplateText text, string language, DocumentFacts facts)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(facts);
        return Placeholder().Replace(text.In(language), match => facts.Value(match.Groups[1].Value));
    }

    private IEnumerable<string> Problems()
    {
        foreach (var problem in TextProblems("title", Title).Concat(TextProblems("seal", Seal)))
        {
            yield return problem;
        }

        for (var index = 0; index < (Blocks?.Count ?? 0); index++)
        {
            var block = Blocks![index];
            var at = $"blocks[{index}]";
            if (!BlockTypes.Contains(block.Type))
            {
                yield return $"{at}.type '{block.Type}' is not one of {string.Join(", ", BlockTypes)}";
            }

            if (block.When is { } when && !DocumentFacts.ValueNames.Contains(when) && !DocumentFacts.TableNames.Contains(when))
            {
                yield return $"{at}.when names no fact '{when}'";
            }

            var texts = new List<(string, TemplateText?)> { ($"{at}.text", block.Text) };
            texts.AddRange((block.Columns ?? []).Select((column, i) => ($"{at}.columns[{i}]", (TemplateText?)column)));
            texts.AddRange((block.Fields ?? []).SelectMany((field, i) => new[] { ($"{at}.fields[{i}].label", (TemplateText?)field.Label), ($"{at}.fields[{i}].value", field.Value) }));
            var required = block.Type switch
            {
                "table" => block.Rows is null || block.Columns is not { Count: > 0 } ? "a table needs rows and columns" : null,
                "fields" => block.Fields is not { Count: > 0 } ? "fields need at least one field" : null,
                _ => block.Text is null ? $"a {block.Type} needs text" : null,
            };
            if (required is not null)
            {
                yield return $"{at}: {required}";
            }

            if (block.Rows is { } rows && !DocumentFacts.TableNames.Contains(rows))
            {
                yield return $"{at}.rows names no table '{rows}'";
            }

            if (block.Widths is { } widths && widths.Count != (block.Columns?.Count ?? 0))
            {
                yield return $"{at}.widths has {widths.Count} shares for {block.Columns?.Count ?? 0} columns";
            }

            foreach (var problem in texts.Where(t => t.Item2 is not null).SelectMany(t => TextProblems(t.Item1, t.Item2)))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<string> TextProblems(string at, TemplateText? text)
    {
        if (text is null || string.IsNullOrWhiteSpace(text.Zh) || string.IsNullOrWhiteSpace(text.En))
        {
            yield return $"{at} needs zh and en";
            yield break;
        }

        foreach (var name in Placeholder().Matches(text.Zh + text.En).Select(m => m.Groups[1].Value).Distinct())
        {
            if (!DocumentFacts.ValueNames.Contains(name))
            {
                yield return $"{at} names no fact '{{{name}}}'";
            }
        }
    }

    [GeneratedRegex(@"\{([a-zA-Z.]+)\}")]
    private static partial Regex Placeholder();
}

/// <summary>The languages a document renders in: Chinese (the issued notice) and English (a reader's copy).</summary>
public static class DocumentLanguage
{
    public const string Chinese = "zh";
    public const string English = "en";
}
