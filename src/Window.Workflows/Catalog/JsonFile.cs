using System.Globalization;
using System.Text.Json;
using Window.Workflows.Definitions;

namespace Window.Workflows.Catalog;

/// <summary>
/// One catalogue file being read: typed accessors that report missing or wrong-typed properties as
/// <see cref="ValidationProblem"/>s with real line numbers instead of throwing.
/// </summary>
internal sealed class JsonFile
{
    private readonly JsonLineMap _lines;
    private readonly List<ValidationProblem> _problems;

    private JsonFile(string name, JsonElement root, JsonLineMap lines, List<ValidationProblem> problems)
    {
        Name = name;
        Root = root;
        _lines = lines;
        _problems = problems;
    }

    public string Name { get; }

    public JsonElement Root { get; }

    /// <summary>Reads and parses a file; on a syntax error reports it and returns null.</summary>
    public static JsonFile? Open(string path, string name, List<ValidationProblem> problems) => Parse(File.ReadAllBytes(path), name, problems);

    /// <summary>Parses UTF-8 JSON text (a file's or a draft's); on a syntax error reports it and returns null.</summary>
    public static JsonFile? Parse(ReadOnlyMemory<byte> bytes, string name, List<ValidationProblem> problems)
    {
        if (bytes.Span.StartsWith("\uFEFF"u8))
        {
            bytes = bytes[3..];
        }

        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            return new JsonFile(name, document.RootElement.Clone(), JsonLineMap.Build(bytes.Span), problems);
        }
        catch (JsonException e)
        {
            var message = e.Message.Split(" Path:")[0].Split(" LineNumber:")[0];
            problems.Add(new ValidationProblem(name, (int)(e.LineNumber ?? 0) + 1, e.Path ?? "$", $"invalid JSON: {message}"));
            return null;
        }
    }

    public void Report(string path, string message) => _problems.Add(new ValidationProblem(Name, _lines.LineOf(path), path, message));

    /// <summary>Reports properties of <paramref name="obj"/> that are not in <paramref name="allowed"/>.</summary>
    public void OnlyProperties(JsonElement obj, string path, params string[] allowed)
    {
        foreach (var property in obj.EnumerateObject())
        {
            if (!allowed.Contains(property.Name) && property.Name != "$schema")
            {
                Report($"{path}.{property.Name}", $"unknown property '{property.Name}'");
            }
        }
    }

    public JsonElement? Get(JsonElement obj, string path, string name, JsonValueKind kind, bool required)
    {
        if (!obj.TryGetProperty(name, out var value))
        {
            if (required)
            {
                Report($"{path}.{name}", "required property is missing");
            }

            return null;
        }

        var matches = value.ValueKind == kind
            || (kind == JsonValueKind.True && value.ValueKind == JsonValueKind.False);
        if (!matches)
        {
            Report($"{path}.{name}", $"expected {Describe(kind)} but found {Describe(value.ValueKind)}");
            return null;
        }

        return value;
    }

    public JsonElement? Object(JsonElement obj, string path, string name, bool required = true) =>
        Get(obj, path, name, JsonValueKind.Object, required);

    public JsonElement? Array(JsonElement obj, string path, string name, bool required = true) =>
        Get(obj, path, name, JsonValueKind.Array, required);

    public string? String(JsonElement obj, string path, string name, bool required = true) =>
        Get(obj, path, name, JsonValueKind.String, required)?.GetString();

    public bool? Bool(JsonElement obj, string path, string name, bool required = true) =>
        Get(obj, path, name, JsonValueKind.True, required)?.GetBoolean();

    public int? Int(JsonElement obj, string path, string name, int min, bool required = true)
    {
        if (Get(obj, path, name, JsonValueKind.Number, required) is not { } value)
        {
            return null;
        }

        if (!value.TryGetInt32(out var number) || number < min)
        {
            Report($"{path}.{name}", $"expected an integer of at least {min}");
            return null;
        }

        return number;
    }

    public double? Fraction(JsonElement obj, string path, string name)
    {
        if (Get(obj, path, name, JsonValueKind.Number, required: false) is not { } value)
        {
            return null;
        }

        var number = value.GetDouble();
        if (number is <= 0 or > 1)
        {
            Report($"{path}.{name}", "expected a fraction greater than 0 and at most 1");
            return null;
        }

        return number;
    }

    public DateOnly? Date(JsonElement obj, string path, string name, bool required = true) =>
        String(obj, path, name, required) is { } text ? ParseDate(text, $"{path}.{name}") : null;

    public DateOnly? ParseDate(string text, string path)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Report(path, $"'{text}' is not a date in yyyy-MM-dd form");
        return null;
    }

    public T? Enum<T>(JsonElement obj, string path, string name, bool required = true)
        where T : struct, System.Enum
    {
        if (String(obj, path, name, required) is not { } text)
        {
            return null;
        }

        foreach (var value in System.Enum.GetValues<T>())
        {
            if (JsonNamingPolicy.CamelCase.ConvertName(value.ToString()) == text)
            {
                return value;
            }
        }

        var allowed = string.Join(", ", System.Enum.GetValues<T>().Select(v => $"'{JsonNamingPolicy.CamelCase.ConvertName(v.ToString())}'"));
        Report($"{path}.{name}", $"'{text}' is not one of {allowed}");
        return null;
    }

    public LocalizedName? LocalizedName(JsonElement obj, string path, string name = "name")
    {
        if (Object(obj, path, name) is not { } value)
        {
            return null;
        }

        var namePath = $"{path}.{name}";
        OnlyProperties(value, namePath, "zh", "en");
        var zh = String(value, namePath, "zh");
        var en = String(value, namePath, "en");
        return zh is null || en is null ? null : new LocalizedName(zh, en);
    }

    /// <summary>The strings of an array property, each paired with its path; non-strings are reported.</summary>
    public List<(string Value, string Path)> Strings(JsonElement obj, string path, string name, bool required = true)
    {
        var result = new List<(string, string)>();
        if (Array(obj, path, name, required) is not { } array)
        {
            return result;
        }

        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            var itemPath = $"{path}.{name}[{index++}]";
            if (item.ValueKind == JsonValueKind.String)
            {
                result.Add((item.GetString()!, itemPath));
            }
            else
            {
                Report(itemPath, $"expected a string but found {Describe(item.ValueKind)}");
            }
        }

        return result;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
