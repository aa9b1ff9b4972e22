using System.Text.Json;
using System.Text.Json.Serialization;

namespace Window.Workflows.Engine;

/// <summary>
/// Source-generated System.Text.Json metadata for instances, commands and results: camelCase properties,
/// enums as their member names (e.g. "Claimed"). Case states written before issue 26 hold their instance as this JSON
/// (a case grain now stores Window.Grains' binary InstanceCodec form and still reads this), so renaming a C# type does
/// not break them; renaming a property or enum member does.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WorkflowInstance))]
[JsonSerializable(typeof(WorkflowCommand))]
[JsonSerializable(typeof(StartCase))]
[JsonSerializable(typeof(WorkflowResult))]
public sealed partial class WorkflowJsonContext : JsonSerializerContext;

/// <summary>Serializes <see cref="WorkflowInstance"/>s for storage (e.g. by the case grain).</summary>
public static class WorkflowJson
{
    /// <summary>The options to use with <see cref="JsonSerializer"/> for every engine type.</summary>
    public static JsonSerializerOptions Options => WorkflowJsonContext.Default.Options;

    /// <summary>The instance as JSON.</summary>
    public static string Serialize(WorkflowInstance instance) =>
        JsonSerializer.Serialize(instance, WorkflowJsonContext.Default.WorkflowInstance);

    /// <summary>The instance as UTF-8 JSON (half the bytes of the string for this mostly ASCII text).</summary>
    public static byte[] SerializeToUtf8(WorkflowInstance instance) =>
        JsonSerializer.SerializeToUtf8Bytes(instance, WorkflowJsonContext.Default.WorkflowInstance);

    /// <summary>An instance from UTF-8 JSON written by <see cref="SerializeToUtf8"/>.</summary>
    public static WorkflowInstance Deserialize(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, WorkflowJsonContext.Default.WorkflowInstance)
        ?? throw new JsonException("The JSON holds null, not a workflow instance.");

    /// <summary>An instance from JSON written by <see cref="Serialize"/>.</summary>
    public static WorkflowInstance Deserialize(string json) =>
        JsonSerializer.Deserialize(json, WorkflowJsonContext.Default.WorkflowInstance)
        ?? throw new JsonException("The JSON holds null, not a workflow instance.");
}
