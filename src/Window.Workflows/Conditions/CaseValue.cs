using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Window.Workflows.Conditions;

/// <summary>The type of a <see cref="CaseValue"/>.</summary>
public enum CaseValueKind
{
    /// <summary>No value (also what a missing field reads as).</summary>
    Null,

    /// <summary>A string.</summary>
    Text,

    /// <summary>A decimal number.</summary>
    Number,

    /// <summary>true or false.</summary>
    Boolean,
}

/// <summary>
/// One value of case data (talent tier, flags set by outcomes, ...). Serialized as the plain JSON
/// primitive it holds.
/// </summary>
[JsonConverter(typeof(CaseValueJsonConverter))]
public sealed record CaseValue(CaseValueKind Kind, string? Text, decimal Number, bool Flag)
{
    /// <summary>The null value.</summary>
    public static readonly CaseValue Null = new(CaseValueKind.Null, null, 0, false);

    /// <summary>The boolean true.</summary>
    public static readonly CaseValue True = new(CaseValueKind.Boolean, null, 0, true);

    /// <summary>The boolean false.</summary>
    public static readonly CaseValue False = new(CaseValueKind.Boolean, null, 0, false);

    /// <summary>A string value.</summary>
    public static CaseValue Of(string text) => new(CaseValueKind.Text, text, 0, false);

    /// <summary>A number value.</summary>
    public static CaseValue Of(decimal number) => new(CaseValueKind.Number, null, number, false);

    /// <summary>A boolean value.</summary>
    public static CaseValue Of(bool flag) => flag ? True : False;

    /// <summary>The value of a JSON primitive, or null when the element is an object or array.</summary>
    public static CaseValue? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => Of(element.GetString()!),
        JsonValueKind.Number => Of(element.GetDecimal()),
        JsonValueKind.True => True,
        JsonValueKind.False => False,
        JsonValueKind.Null => Null,
        _ => null,
    };

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        CaseValueKind.Text => $"'{Text}'",
        CaseValueKind.Number => Number.ToString(CultureInfo.InvariantCulture),
        CaseValueKind.Boolean => Flag ? "true" : "false",
        _ => "null",
    };
}

/// <summary>Reads and writes a <see cref="CaseValue"/> as a JSON primitive.</summary>
public sealed class CaseValueJsonConverter : JsonConverter<CaseValue>
{
    /// <inheritdoc />
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override CaseValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        return reader.TokenType switch
        {
            JsonTokenType.String => CaseValue.Of(reader.GetString()!),
            JsonTokenType.Number => CaseValue.Of(reader.GetDecimal()),
            JsonTokenType.True => CaseValue.True,
            JsonTokenType.False => CaseValue.False,
            JsonTokenType.Null => CaseValue.Null,
            _ => throw new JsonException("A case value must be a string, number, boolean or null."),
        };
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, CaseValue value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value?.Kind ?? CaseValueKind.Null)
        {
            case CaseValueKind.Text:
                writer.WriteStringValue(value!.Text);
                break;
            case CaseValueKind.Number:
                writer.WriteNumberValue(value!.Number);
                break;
            case CaseValueKind.Boolean:
                writer.WriteBooleanValue(value!.Flag);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }
}
