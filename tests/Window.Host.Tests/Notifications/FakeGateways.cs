using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Window.Testing;

namespace Window.Host.Tests.Notifications;

/// <summary>One request the fake SMS gateway received.</summary>
internal sealed record GatewayRequest(string Body, string? Token, string? Signature)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string Template => Json.GetProperty("template").GetString()!;

    public string To => Json.GetProperty("to").GetString()!;

    public string Param(string name) => Json.GetProperty("params").GetProperty(name).GetString()!;
}

/// <summary>
/// A city SMS platform as a local HTTP listener: records every request and answers with the next scripted status (200
/// once the script is used up). <see cref="OnRequest"/> runs before the answer (a test kills the host there).
/// </summary>
internal sealed class FakeSmsGateway : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<int> script = new();
    private readonly Task loop;

    public FakeSmsGateway(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            script.Enqueue(status);
        }

        var port = FreePorts.Next();
        Url = $"http://127.0.0.1:{port}/sms/send";
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        loop = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<GatewayRequest> Requests { get; } = new();

    public Func<GatewayRequest, Task>? OnRequest { get; set; }

    /// <summary>How long the gateway waits before it answers (a slow platform).</summary>
    public TimeSpan Delay { get; set; }

    public IReadOnlyList<GatewayRequest> Of(string template) => [.. Requests.Where(r => r.Template == template)];

    /// <summary>Waits until at least <paramref name="count"/> requests arrived (real time: for host processes).</summary>
    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Requests.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The gateway got {Requests.Count} requests, not {count}, within {timeout}.");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        try
        {
            await loop;
        }
        catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var request = new GatewayRequest(await reader.ReadToEndAsync(), context.Request.Headers["Idempotency-Key"], context.Request.Headers["X-Window-Signature"]);
            Requests.Enqueue(request);
            if (OnRequest is { } hook)
            {
                await hook(request);
            }

            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay);
            }

            context.Response.StatusCode = script.TryDequeue(out var status) ? status : 200;
            try
            {
                context.Response.Close();
            }
            catch (HttpListenerException)
            {
                // The host was killed before it read the answer: that is the point of such a test.
            }
        }
    }
}

/// <summary>
/// A small SMTP server on a loopback port that speaks the protocol for real (EHLO, MAIL, RCPT, DATA, QUIT) and keeps
/// every message's envelope and data.
/// </summary>
internal sealed class FakeSmtpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    public FakeSmtpServer()
    {
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public ConcurrentQueue<(string From, IReadOnlyList<string> To, string Data)> Messages { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        try
        {
            await loop;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            using var client = await listener.AcceptTcpClientAsync(stop.Token);
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 localhost ESMTP fake");
            string from = "";
            var to = new List<string>();
            var open = true;
            while (open && await reader.ReadLineAsync(stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250 localhost");
                        break;
                    case "MAIL":
                        from = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(' ', '<', '>');
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        to.Add(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(' ', '<', '>'));
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(stop.Token) is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        }

                        Messages.Enqueue((from, [.. to], data.ToString()));
                        to.Clear();
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        open = false;
                        break;
                    default:
                        await writer.WriteLineAsync("250 OK");
                        break;
                }
            }
        }
    }
}
