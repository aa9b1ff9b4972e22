using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;
using Window.Workflows.Conditions;
using Window.Workflows.Definitions;
using Window.Workflows.Engine;
using Window.Workflows.Sla;

namespace Window.Grains.Cases;

/// <summary>
/// The engine instance as stored in <see cref="CaseState.EngineInstance"/>: a compact binary form written field by field,
/// in place of the UTF-8 JSON kept inside the Orleans-serialized state before (issue 26's "double JSON": 7–12 % of a
/// command's CPU and a third of a bundle case's state). Window.Workflows stays free of Orleans, and the instance is one
/// <c>byte[]</c> to Orleans: no objects for its reference tracking to hash, and an unchanged instance is not written again.
/// </summary>
/// <remarks>
/// The form: a format byte (<see cref="Format"/>), then every field of the instance's records in declaration order.
/// Integers are LEB128 varints (signed ones zigzagged), instants their clock ticks (8 bytes) and offset in minutes, dates
/// their day number, strings UTF-8 after their length + 1 (0 is null), enums their value + 1 when nullable, arrays their
/// count + 1 (0 is a default array). A new field in an engine record needs a new format here, whose reader still reads
/// format 1 (<c>when_storing_the_engine_instance</c> pins each record's fields and each enum's values so that a change
/// cannot slip by).
/// </remarks>
public static class InstanceCodec
{
    /// <summary>The format this build writes.</summary>
    public const byte Format = 1;

    /// <summary>The instance's bytes.</summary>
    public static byte[] Write(WorkflowInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var writer = new Writer(1024);
        try
        {
            writer.Byte(Format);
            writer.Instance(instance);
            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>An instance from bytes written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The bytes are not an instance in a known format.</exception>
    public static WorkflowInstance Read(ReadOnlySpan<byte> bytes)
    {
        var reader = new Reader(bytes);
        var format = reader.Byte();
        if (format != Format)
        {
            throw new InvalidDataException($"Engine instance format {format} is unknown to this build (it reads {Format}).");
        }

        var instance = reader.Instance();
        if (!reader.AtEnd)
        {
            throw new InvalidDataException("Engine instance bytes continue past the instance.");
        }

        return instance;
    }

    private ref struct Writer(int capacity)
    {
        private byte[] buffer = ArrayPool<byte>.Shared.Rent(capacity);
        private int position;

        public readonly byte[] ToArray() => buffer.AsSpan(0, position).ToArray();

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = [];
        }

        public void Instance(WorkflowInstance instance)
        {
            String(instance.CaseId);
            String(instance.BundleId);
            Int(instance.BundleVersion);
            UInt((uint)instance.Status);
            Instant(instance.AcceptedAt);
            UInt((uint)instance.Data.Count);
            foreach (var (key, value) in instance.Data)
            {
                String(key);
                Value(value);
            }

            Array(instance.Materials, static (ref Writer w, MaterialState m) =>
            {
                w.String(m.Id);
                w.UInt((uint)m.Status);
            });
            Date(instance.SupplementDueOn);
            Array(instance.Items, static (ref Writer w, ItemInstance item) => w.Item(item));
            Clock(instance.Clock);
            Array(instance.Journal, static (ref Writer w, JournalEntry entry) => w.Entry(entry));
            Instant(instance.SuspendedSince);
        }

        private void Item(ItemInstance item)
        {
            String(item.ItemId);
            Int(item.Version);
            UInt((uint)item.Status);
            String(item.Reason);
            Array(item.Steps, static (ref Writer w, StepInstance step) => w.Step(step));
            Clock(item.Clock);
        }

        private void Step(StepInstance step)
        {
            String(step.Id);
            UInt((uint)step.Status);
            Instant(step.ReadyAt);
            String(step.ClaimedBy);
            Instant(step.WaitUntil);
            Strings(step.ReturnedFor);
            Outcome(step.Outcome);
            if (Has(step.Clock is not null))
            {
                Clock(step.Clock!);
            }

            Date(step.SupplementDue);
        }

        private void Entry(JournalEntry entry)
        {
            Int(entry.Sequence);
            Instant(entry.At);
            String(entry.Actor);
            UInt((uint)entry.Action);
            String(entry.ItemId);
            String(entry.StepId);
            Outcome(entry.Outcome);
            String(entry.Reason);
            Strings(entry.Materials);
        }

        private void Clock(ClockState clock)
        {
            Instant(clock.StartedAt);
            Int(clock.LimitDays);
            if (Has(clock.Warning is not null))
            {
                Int(clock.Warning!.DaysLeft);
                if (Has(clock.Warning.FractionUsed is not null))
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(Room(8), clock.Warning.FractionUsed!.Value);
                    position += 8;
                }
            }

            Array(clock.Pauses, static (ref Writer w, PausePeriod pause) =>
            {
                w.Instant(pause.From);
                w.Instant(pause.To);
            });
            Instant(clock.PausedSince);
            Instant(clock.StoppedAt);
        }

        private void Value(CaseValue value)
        {
            UInt((uint)value.Kind);
            String(value.Text);
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(value.Number, bits);
            foreach (var part in bits)
            {
                UInt((uint)part);
            }

            Has(value.Flag);
        }

        private void Outcome(Outcome? outcome) => UInt(outcome is { } value ? (uint)value + 1 : 0);

        private delegate void Part<T>(ref Writer writer, T value);

        private void Array<T>(ImmutableArray<T> values, Part<T> write)
        {
            if (values.IsDefault)
            {
                UInt(0);
                return;
            }

            UInt((uint)values.Length + 1);
            foreach (var value in values)
            {
                write(ref this, value);
            }
        }

        private void Strings(ImmutableArray<string> values) => Array(values, static (ref Writer w, string s) => w.String(s));

        private void Instant(DateTimeOffset? instant)
        {
            if (Has(instant is not null))
            {
                Instant(instant!.Value);
            }
        }

        private void Instant(DateTimeOffset instant)
        {
            BinaryPrimitives.WriteInt64LittleEndian(Room(8), instant.Ticks);
            position += 8;
            Int((int)(instant.Offset.Ticks / TimeSpan.TicksPerMinute));
        }

        private void Date(DateOnly? date) => UInt(date is { } value ? (uint)value.DayNumber + 1 : 0);

        private void Int(int? value)
        {
            if (Has(value is not null))
            {
                Int(value!.Value);
            }
        }

        private void Int(int value) => UInt((uint)((value << 1) ^ (value >> 31)));

        private void String(string? text)
        {
            if (text is null)
            {
                UInt(0);
                return;
            }

            var length = Encoding.UTF8.GetByteCount(text);
            UInt((uint)length + 1);
            position += Encoding.UTF8.GetBytes(text, Room(length));
        }

        private void UInt(uint value)
        {
            var room = Room(5);
            var count = 0;
            while (value >= 0x80)
            {
                room[count++] = (byte)(value | 0x80);
                value >>= 7;
            }

            room[count++] = (byte)value;
            position += count;
        }

        /// <summary>Writes whether a value follows (or a flag), and returns it.</summary>
        private bool Has(bool present)
        {
            Byte(present ? (byte)1 : (byte)0);
            return present;
        }

        public void Byte(byte value)
        {
            Room(1)[0] = value;
            position++;
        }

        /// <summary>At least <paramref name="size"/> free bytes at the position, growing the buffer when needed.</summary>
        private Span<byte> Room(int size)
        {
            if (buffer.Length - position < size)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, position + size));
                buffer.AsSpan(0, position).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }

            return buffer.AsSpan(position);
        }
    }

    private ref struct Reader(ReadOnlySpan<byte> bytes)
    {
        private readonly ReadOnlySpan<byte> bytes = bytes;
        private int position;

        public readonly bool AtEnd => position == bytes.Length;

        public WorkflowInstance Instance()
        {
            var caseId = String()!;
            var bundleId = String();
            var bundleVersion = NullableInt();
            var status = (CaseStatus)UInt();
            var acceptedAt = Instant();
            var data = ImmutableSortedDictionary.CreateBuilder<string, CaseValue>(StringComparer.Ordinal);
            for (var count = UInt(); count > 0; count--)
            {
                var key = String()!;
                data[key] = Value();
            }

            var materials = Array(static (ref Reader r) => new MaterialState(r.String()!, (MaterialStatus)r.UInt()));
            var supplementDueOn = Date();
            var items = Array(static (ref Reader r) => r.Item());
            var clock = Clock();
            var journal = Array(static (ref Reader r) => r.Entry());
            var suspendedSince = NullableInstant();
            return new WorkflowInstance(
                caseId, bundleId, bundleVersion, status, acceptedAt, data.ToImmutable(), materials, supplementDueOn, items, clock, journal, suspendedSince);
        }

        private ItemInstance Item()
        {
            var itemId = String()!;
            var version = Int();
            var status = (ItemStatus)UInt();
            var reason = String();
            var steps = Array(static (ref Reader r) => r.Step());
            return new ItemInstance(itemId, version, status, reason, steps, Clock());
        }

        private StepInstance Step()
        {
            var id = String()!;
            var status = (StepStatus)UInt();
            var readyAt = NullableInstant();
            var claimedBy = String();
            var waitUntil = NullableInstant();
            var returnedFor = Strings();
            var outcome = Outcome();
            var clock = Byte() == 1 ? Clock() : null;
            return new StepInstance(id, status, readyAt, claimedBy, waitUntil, returnedFor, outcome, clock, Date());
        }

        private JournalEntry Entry()
        {
            var sequence = Int();
            var at = Instant();
            var actor = String()!;
            var action = (JournalAction)UInt();
            var itemId = String();
            var stepId = String();
            var outcome = Outcome();
            var reason = String();
            return new JournalEntry(sequence, at, actor, action, itemId, stepId, outcome, reason, Strings());
        }

        private ClockState Clock()
        {
            var startedAt = Instant();
            var limitDays = Int();
            WarningThreshold? warning = null;
            if (Byte() == 1)
            {
                var daysLeft = NullableInt();
                double? fraction = null;
                if (Byte() == 1)
                {
                    fraction = BinaryPrimitives.ReadDoubleLittleEndian(Take(8));
                }

                warning = new WarningThreshold(daysLeft, fraction);
            }

            var pauses = Array(static (ref Reader r) => new PausePeriod(r.Instant(), r.Instant()));
            var pausedSince = NullableInstant();
            return new ClockState(startedAt, limitDays, warning!, pauses, pausedSince, NullableInstant());
        }

        private CaseValue Value()
        {
            var kind = (CaseValueKind)UInt();
            var text = String();
            Span<int> bits = [(int)UInt(), (int)UInt(), (int)UInt(), (int)UInt()];
            return new CaseValue(kind, text, new decimal(bits), Byte() == 1);
        }

        private Outcome? Outcome() => UInt() is var value and > 0 ? (Outcome)(value - 1) : null;

        private delegate T Part<T>(ref Reader reader);

        private ImmutableArray<T> Array<T>(Part<T> read)
        {
            var count = UInt();
            if (count == 0)
            {
                return default;
            }

            var values = ImmutableArray.CreateBuilder<T>((int)count - 1);
            for (var n = 1u; n < count; n++)
            {
                values.Add(read(ref this));
            }

            return values.MoveToImmutable();
        }

        private ImmutableArray<string> Strings() => Array(static (ref Reader r) => r.String()!);

        private DateTimeOffset? NullableInstant() => Byte() == 1 ? Instant() : null;

        private DateTimeOffset Instant()
        {
            var ticks = BinaryPrimitives.ReadInt64LittleEndian(Take(8));
            return new DateTimeOffset(ticks, TimeSpan.FromMinutes(Int()));
        }

        private DateOnly? Date() => UInt() is var value and > 0 ? DateOnly.FromDayNumber((int)(value - 1)) : null;

        private int? NullableInt() => Byte() == 1 ? Int() : null;

        private int Int()
        {
            var value = UInt();
            return (int)(value >> 1) ^ -(int)(value & 1);
        }

        private string? String()
        {
            var length = UInt();
            return length == 0 ? null : Encoding.UTF8.GetString(Take((int)length - 1));
        }

        private uint UInt()
        {
            uint value = 0;
            for (var shift = 0; shift < 35; shift += 7)
            {
                var next = Byte();
                value |= (uint)(next & 0x7F) << shift;
                if (next < 0x80)
                {
                    return value;
                }
            }

            throw new InvalidDataException("A number in the engine instance's bytes runs too long.");
        }

        public byte Byte() => Take(1)[0];

        private ReadOnlySpan<byte> Take(int count)
        {
            if (count < 0 || bytes.Length - position < count)
            {
                throw new InvalidDataException("The engine instance's bytes end too soon.");
            }

            var taken = bytes.Slice(position, count);
            position += count;
            return taken;
        }
    }
}
