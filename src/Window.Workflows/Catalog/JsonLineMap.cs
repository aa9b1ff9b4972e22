using System.Text.Json;

namespace Window.Workflows.Catalog;

/// <summary>
/// Maps JSON paths (<c>$.steps[1].id</c>) to the 1-based line they start on, recorded while reading
/// the file with <see cref="Utf8JsonReader"/>, so problems point at real lines.
/// </summary>
internal sealed class JsonLineMap
{
    private readonly Dictionary<string, int> _lines = [];

    private JsonLineMap()
    {
    }

    private sealed class Frame(string path, bool isArray)
    {
        public string Path { get; } = path;

        public bool IsArray { get; } = isArray;

        public int Index { get; set; } = -1;

        public string? Property { get; set; }
    }

    /// <summary>The line of <paramref name="path"/>, or of its nearest recorded ancestor.</summary>
    public int LineOf(string path)
    {
        while (true)
        {
            if (_lines.TryGetValue(path, out var line))
            {
                return line;
            }

            var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
            if (cut <= 0)
            {
                return 1;
            }

            path = path[..cut];
        }
    }

    /// <summary>Builds the map of a syntactically valid JSON document.</summary>
    public static JsonLineMap Build(ReadOnlySpan<byte> utf8)
    {
        var newlines = new List<int>();
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                newlines.Add(i);
            }
        }

        int LineAt(long offset)
        {
            var index = newlines.BinarySearch((int)offset);
            return (index < 0 ? ~index : index) + 1;
        }

        var map = new JsonLineMap();
        var stack = new List<Frame>();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        while (reader.Read())
        {
            var line = LineAt(reader.TokenStartIndex);
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    var parent = stack[^1];
                    parent.Property = $"{parent.Path}.{reader.GetString()}";
                    map._lines.TryAdd(parent.Property, line);
                    break;
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    var path = ValuePath(stack);
                    map._lines.TryAdd(path, line);
                    stack.Add(new Frame(path, reader.TokenType == JsonTokenType.StartArray));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    stack.RemoveAt(stack.Count - 1);
                    break;
                default:
                    map._lines.TryAdd(ValuePath(stack), line);
                    break;
            }
        }

        return map;
    }

    private static string ValuePath(List<Frame> stack)
    {
        if (stack.Count == 0)
        {
            return "$";
        }

        var top = stack[^1];
        if (top.IsArray)
        {
            top.Index++;
            return $"{top.Path}[{top.Index}]";
        }

        return top.Property!;
    }
}
