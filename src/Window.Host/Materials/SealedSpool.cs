using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Window.Host.Materials;

/// <summary>
/// An upload's sealed chunks, held in a temporary file while the client is still sending (deleted when disposed, also
/// when the upload fails): the database transaction that stores them starts only once the whole file has arrived, so a
/// slow client never holds SQLite's one writer lock, and memory stays at one chunk whatever the file's size. Only sealed
/// bytes touch the disk.
/// </summary>
public sealed class SealedSpool : IAsyncDisposable
{
    private readonly FileStream file = Create();

    /// <summary>Appends one sealed chunk.</summary>
    public async Task WriteAsync(byte[] sealedChunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sealedChunk);
        var length = new byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, sealedChunk.Length);
        await file.WriteAsync(length, cancellationToken);
        await file.WriteAsync(sealedChunk, cancellationToken);
    }

    /// <summary>The chunks written, in order, one at a time.</summary>
    public async IAsyncEnumerable<byte[]> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await file.FlushAsync(cancellationToken);
        file.Position = 0;
        var length = new byte[4];
        while (await file.ReadAtLeastAsync(length, 4, throwOnEndOfStream: false, cancellationToken) == 4)
        {
            var chunk = new byte[BinaryPrimitives.ReadInt32LittleEndian(length)];
            await file.ReadExactlyAsync(chunk, cancellationToken);
            yield return chunk;
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => file.DisposeAsync();

    private static FileStream Create()
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(Path.Combine(Path.GetTempPath(), $"window-upload-{Guid.NewGuid():N}.sealed"), options);
    }
}

/// <summary>A stream that first answers the bytes already read from another (the type check's head), then the rest of it.</summary>
internal sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream rest) : Stream
{
    private ReadOnlyMemory<byte> prefix = prefix;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (prefix.IsEmpty)
        {
            return await rest.ReadAsync(buffer, cancellationToken);
        }

        var count = Math.Min(buffer.Length, prefix.Length);
        prefix[..count].CopyTo(buffer);
        prefix = prefix[count..];
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Uploads are read asynchronously.");

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
