namespace Window.Grains.Cases;

/// <summary>
/// A byte delta of one serialized case view against another: runs copied from the base and literal bytes in between.
/// Two views of one case a command apart share almost every byte, so an older replay record kept as a delta against the
/// next one is tens of bytes where a packed view is hundreds, and encoding it is one pass without a compressor.
/// </summary>
public static class ViewDelta
{
    private const int MinMatch = 6;

    /// <summary>The delta that turns <paramref name="baseline"/> into <paramref name="target"/>.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> baseline, ReadOnlySpan<byte> target)
    {
        var index = new Dictionary<long, int>(Math.Max(0, baseline.Length - MinMatch + 1));
        for (var i = baseline.Length - MinMatch; i >= 0; i--)
        {
            index[Key(baseline, i)] = i;
        }

        var output = new List<byte>(64);
        var literalStart = 0;
        var position = 0;
        var expected = 0;
        while (position <= target.Length - MinMatch)
        {
            var from = Matches(baseline, target, expected, position) ? expected : index.GetValueOrDefault(Key(target, position), -1);
            if (from < 0 || !Matches(baseline, target, from, position))
            {
                position++;
                continue;
            }

            var length = MinMatch;
            while (from + length < baseline.Length && position + length < target.Length && baseline[from + length] == target[position + length])
            {
                length++;
            }

            Op(output, target[literalStart..position], from, length);
            position += length;
            literalStart = position;
            expected = from + length;
        }

        Op(output, target[literalStart..], 0, 0);
        return [.. output];
    }

    /// <summary>The target that <paramref name="delta"/> (from <see cref="Encode"/>) makes of <paramref name="baseline"/>.</summary>
    public static byte[] Decode(ReadOnlySpan<byte> baseline, ReadOnlySpan<byte> delta)
    {
        var output = new List<byte>(baseline.Length + 16);
        var at = 0;
        while (at < delta.Length)
        {
            var literal = (int)Read(delta, ref at);
            foreach (var b in delta.Slice(at, literal))
            {
                output.Add(b);
            }

            at += literal;
            var from = (int)Read(delta, ref at);
            var length = (int)Read(delta, ref at);
            foreach (var b in baseline.Slice(from, length))
            {
                output.Add(b);
            }
        }

        return [.. output];
    }

    private static bool Matches(ReadOnlySpan<byte> baseline, ReadOnlySpan<byte> target, int from, int position) =>
        from >= 0 && from <= baseline.Length - MinMatch && baseline.Slice(from, MinMatch).SequenceEqual(target.Slice(position, MinMatch));

    private static long Key(ReadOnlySpan<byte> bytes, int at)
    {
        long key = 0;
        foreach (var b in bytes.Slice(at, MinMatch))
        {
            key = (key << 8) | b;
        }

        return key;
    }

    private static void Op(List<byte> output, ReadOnlySpan<byte> literal, int from, int length)
    {
        Write(output, (uint)literal.Length);
        foreach (var b in literal)
        {
            output.Add(b);
        }

        Write(output, (uint)from);
        Write(output, (uint)length);
    }

    private static void Write(List<byte> output, uint value)
    {
        while (value >= 0x80)
        {
            output.Add((byte)(value | 0x80));
            value >>= 7;
        }

        output.Add((byte)value);
    }

    private static uint Read(ReadOnlySpan<byte> bytes, ref int at)
    {
        uint value = 0;
        var shift = 0;
        while (true)
        {
            var b = bytes[at++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }

            shift += 7;
        }
    }
}
