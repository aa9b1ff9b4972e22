using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;
using Window.Contracts;

namespace Window.Host.Notifications;

/// <summary>
/// One message on its way out: the address is in clear only here, in memory, for the one attempt (a phone number
/// unsealed from the case, a staff member's e-mail address).
/// </summary>
/// <param name="Id">The message row.</param>
/// <param name="CaseId">The opaque case id.</param>
/// <param name="Template">The catalogue's template id.</param>
/// <param name="Token">The idempotency token: the same for every attempt of this message, on every host.</param>
/// <param name="Address">The phone number or e-mail address.</param>
/// <param name="Parameters">The template's holes (case number, item names, dates, links; never the ID number).</param>
public sealed record OutgoingMessage(long Id, string CaseId, string Template, string Token, string Address, IReadOnlyDictionary<string, string> Parameters);

/// <summary>A channel refused or failed one attempt; <see cref="Code"/> is what the delivery log records (no personal data).</summary>
public sealed class ChannelFailedException(string code, Exception? inner = null) : Exception($"The channel failed: {code}", inner)
{
    /// <summary>A short code: http_500, timeout, smtp_550, unreachable ...</summary>
    public string Code { get; } = code;
}

/// <summary>A way out for messages (SMS gateway, SMTP).</summary>
public interface INotificationChannel
{
    /// <summary>The stored channel name (<see cref="Channels"/>).</summary>
    string Name { get; }

    /// <summary>Sends one message; throws <see cref="ChannelFailedException"/> to have it retried later.</summary>
    Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default);
}

/// <summary>
/// The city SMS platform: <c>POST {Window:Notifications:Sms:Url}</c> with <c>{ "to", "template", "params" }</c>, the message's
/// <c>Idempotency-Key</c> header (the same on every attempt, so the gateway can drop a repeat) and, with a secret, an
/// <c>X-Window-Signature: sha256=&lt;hex HMAC of the body&gt;</c> header. Anything but 2xx, or no answer within the
/// per-attempt timeout (the HTTP client's resilience pipeline), is a failure the outbox retries later.
/// </summary>
public sealed class SmsChannel(IHttpClientFactory clients, NotificationOptions options) : INotificationChannel
{
    /// <summary>The named HTTP client (its resilience pipeline holds the timeout).</summary>
    public const string ClientName = "window-sms";

    /// <summary>The header carrying the message's idempotency token.</summary>
    public const string TokenHeader = "Idempotency-Key";

    /// <summary>The header carrying the body's signature when a secret is configured.</summary>
    public const string SignatureHeader = "X-Window-Signature";

    /// <inheritdoc />
    public string Name => Channels.Sms;

    /// <inheritdoc />
    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var body = JsonSerializer.SerializeToUtf8Bytes(new { to = message.Address, template = message.Template, @params = message.Parameters });
        using var request = new HttpRequestMessage(HttpMethod.Post, options.SmsUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(TokenHeader, message.Token);
        if (options.SmsSecret is { } secret)
        {
            request.Headers.Add(SignatureHeader, "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body)));
        }

        var client = clients.CreateClient(ClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken);
        }
        catch (Exception exception) when (exception is TimeoutException or Polly.Timeout.TimeoutRejectedException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new ChannelFailedException("timeout", exception);
        }
        catch (HttpRequestException exception)
        {
            throw new ChannelFailedException("unreachable", exception);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new ChannelFailedException($"http_{(int)response.StatusCode}");
            }
        }
    }
}

/// <summary>E-mail to staff over SMTP (MailKit): <c>Window:Notifications:Smtp:*</c>; the Message-Id is the message's token.</summary>
public sealed class EmailChannel(NotificationOptions options) : INotificationChannel
{
    /// <inheritdoc />
    public string Name => Channels.Email;

    /// <inheritdoc />
    public async Task SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mail = new MimeMessage { MessageId = $"{message.Token}@window", Subject = "【人才服务窗口】" + message.Parameters.GetValueOrDefault("subject", "") };
        mail.From.Add(MailboxAddress.Parse(options.SmtpFrom));
        mail.To.Add(MailboxAddress.Parse(message.Address));
        mail.Body = new TextPart("plain")
        {
            Text = MessageCatalogue.Render(message.Template, message.Parameters) + "\n\n" + MessageCatalogue.Render(message.Template, message.Parameters, english: true),
        };
        using var smtp = new SmtpClient { Timeout = (int)options.AttemptTimeout.TotalMilliseconds };
        try
        {
            await smtp.ConnectAsync(options.SmtpHost ?? "localhost", options.SmtpPort, options.SmtpStartTls ? SecureSocketOptions.StartTlsWhenAvailable : SecureSocketOptions.None, cancellationToken);
            if (options.SmtpUser is { } user)
            {
                await smtp.AuthenticateAsync(user, options.SmtpPassword ?? "", cancellationToken);
            }

            await smtp.SendAsync(mail, cancellationToken);
            await smtp.DisconnectAsync(true, cancellationToken);
        }
        catch (SmtpCommandException exception)
        {
            throw new ChannelFailedException($"smtp_{(int)exception.StatusCode}", exception);
        }
        catch (Exception exception) when (exception is SmtpProtocolException or IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new ChannelFailedException("unreachable", exception);
        }
    }
}

/// <summary>Messages sent, failed and retried per channel, on Window's meter.</summary>
public static class NotificationMetrics
{
    /// <summary>Messages a channel took (or, with no channel configured, logged).</summary>
    public static Counter<long> Sent { get; } = WindowTelemetry.Meter.CreateCounter<long>("window.notifications.sent", "{message}", "Notifications a channel took");

    /// <summary>Failed attempts.</summary>
    public static Counter<long> Failed { get; } = WindowTelemetry.Meter.CreateCounter<long>("window.notifications.failed", "{attempt}", "Notification attempts that failed");

    /// <summary>Attempts after a failed one.</summary>
    public static Counter<long> Retried { get; } = WindowTelemetry.Meter.CreateCounter<long>("window.notifications.retried", "{attempt}", "Notification attempts after a failure");
}
