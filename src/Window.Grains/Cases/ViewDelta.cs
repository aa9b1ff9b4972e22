using System.Buffers;

namespace Window.Grains.Cases;

/// <summary>
/// A byte delta of one serialized case view against another: runs copied from the base and literal bytes in between.
/// Two views of one case a command apart share almost every byte, so an older replay record kept as a delta against the
/// next one is tens of bytes where a packed view is hundreds, and encoding it is one pass without a compressor.
/// </summary>
public static class ViewDelta
{
    private const int MinMatch = 6;

    private const int TableBits = 12;

    private const int TableSize = 1 << TableBits;

    /// <summary>The delta that turns <paramref name="baseline"/> into <paramref name="target"/>.</summary>
    public static byte[] Encode(ReadOnlySpan<byte> baseline, ReadOnlySpan<byte> target)
    {
        // A small open table of baseline positions by a hash of their next bytes (the last one wins): a candidate is
        // checked against the bytes, so a collision costs a literal, never a wrong copy. Pooled: this runs per command.
        var table = ArrayPool<int>.Shared.Rent(TableSize);
        try
        {
            Array.Fill(table, -1, 0, TableSize);
            for (var i = 0; i <= baseline.Length - MinMatch; i++)
            {
                table[Slot(baseline, i)] = i;
            }

            var output = new ArrayBufferWriter<byte>(64);
            var literalStart = 0;
            var position = 0;
            var expected = 0;
            while (position <= target.Length - MinMatch)
            {
                var from = Matches(baseline, target, expected, position) ? expected : table[Slot(target, position)];
                if (!Matches(baseline, target, from, position))
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
            return output.WrittenSpan.ToArray();
        }
        finally
        {
            ArrayPool<int>.Shared.Return(table);
        }
    }

    /// <summary>The target that <paramref name="delta"/> (from <see cref="Encode"/>) makes of <paramref name="baseline"/>.</summary>
    public static byte[] Decode(ReadOnlySpan<byte> baseline, ReadOnlySpan<byte> delta)
    {
        var output = new ArrayBufferWriter<byte>(baseline.Length + 16);
        var at = 0;
        while (at < delta.Length)
        {
            var literal = (int)Read(delta, ref at);
            output.Write(delta.Slice(at, literal));
            at += literal;
            var from = (int)Read(delta, ref at);
            var length = (int)Read(delta, ref at);
            output.Write(baseline.Slice(from, length));
        }

        return output.WrittenSpan.ToArray();
    }

    private static bool Matches(ReadOnlySpan<byte> baseline, ReadOnlySpan<byte> target, int from, int position) =>
        from >= 0 && from <= baseline.Length - MinMatch && baseline.Slice(from, MinMatch).SequenceEqual(target.Slice(position, MinMatch));

    private static int Slot(ReadOnlySpan<byte> bytes, int at)
    {
        ulong key = 0;
        foreach (var b in bytes.Slice(at, MinMatch))
        {
            key = (key << 8) | b;
        }

        return (int)((key * 0x9E3779B97F4A7C15UL) >> (64 - TableBits));
    }

    private static void Op(ArrayBufferWriter<byte> output, ReadOnlySpan<byte> literal, int from, int length)
    {
        Write(output, (uint)literal.Length);
        output.Write(literal);
        Write(output, (uint)from);
        Write(output, (uint)length);
    }

    private static void Write(ArrayBufferWriter<byte> output, uint value)
    {
        var span = output.GetSpan(5);
        var n = 0;
        while (value >= 0x80)
        {
            span[n++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[n++] = (byte)value;
        output.Advance(n);
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
