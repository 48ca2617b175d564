using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace PeerBot.Bot.Slack.SocketMode;

/// <summary>
/// Socket Mode, when <c>Slack:AppToken</c> is set: PeerBot dials out to Slack (apps.connections.open, then a WebSocket),
/// so schools without a public URL can run it. Envelopes are acknowledged by envelope_id within Slack's 3 s; on
/// <c>disconnect</c> it reconnects at once, on a drop after a back-off that doubles up to <c>Slack:SocketModeMaxBackoff</c>.
/// </summary>
public sealed partial class SlackSocketMode(
    SlackApiClient api, SocketEnvelopeHandler envelopes, IOptions<SlackOptions> options, ILogger<SlackSocketMode> log) : BackgroundService
{
    /// <summary>How many sessions said hello (tests and logs).</summary>
    public int Sessions => _sessions;

    private int _sessions;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.AppToken is not { Length: > 0 } appToken)
        {
            return;
        }

        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            SessionEnd end;
            try
            {
                var opened = await api.CallFormAsync("apps.connections.open", appToken, new Dictionary<string, string>(), stoppingToken);
                end = await RunSessionAsync(new Uri(opened.GetProperty("url").GetString()!), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever broke this session, the loop must live on: an escaped exception would stop the whole host.
                LogDropped(e.GetType().Name, e.Message);
                end = SessionEnd.Dropped;
            }

            if (end == SessionEnd.Disconnect)
            {
                backoff = TimeSpan.FromSeconds(1);
                continue;
            }

            LogBackingOff(backoff);
            await Task.Delay(backoff, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.Value.SocketModeMaxBackoff.Ticks));
        }
    }

    private async Task<SessionEnd> RunSessionAsync(Uri url, CancellationToken ct)
    {
        using var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        await socket.ConnectAsync(url, ct);
        using var sending = new SemaphoreSlim(1, 1);
        while (socket.State == WebSocketState.Open)
        {
            if (await ReceiveAsync(socket, ct) is not { } text)
            {
                return SessionEnd.Dropped;
            }

            using var doc = JsonDocument.Parse(text);
            var message = doc.RootElement;
            if (message.TryGetProperty("envelope_id", out _))
            {
                // Handled off the receive loop, so one slow command never delays another's ack.
                var envelope = message.Clone();
                _ = Task.Run(() => AcknowledgeAsync(socket, sending, envelope, ct), CancellationToken.None);
                continue;
            }

            switch (message.TryGetProperty("type", out var t) ? t.GetString() : null)
            {
                case "hello":
                    Interlocked.Increment(ref _sessions);
                    LogConnected();
                    break;
                case "disconnect":
                    LogDisconnect(message.TryGetProperty("reason", out var r) ? r.GetString() ?? "" : "");
                    await CloseQuietlyAsync(socket);
                    return SessionEnd.Disconnect;
            }
        }

        return SessionEnd.Dropped;
    }

    private async Task AcknowledgeAsync(ClientWebSocket socket, SemaphoreSlim sending, JsonElement envelope, CancellationToken ct)
    {
        try
        {
            JsonObject ack = await envelopes.HandleAsync(envelope, ct);
            var bytes = Encoding.UTF8.GetBytes(ack.ToJsonString(SlackJson.Options));
            await sending.WaitAsync(ct);
            try
            {
                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, ct);
            }
            finally
            {
                sending.Release();
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The connection went away mid-ack; Slack redelivers the envelope on the next one.
            LogAckLost(e.Message);
        }
    }

    /// <summary>One whole text message, or null when the server closed the socket.</summary>
    private static async Task<string?> ReceiveAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await CloseQuietlyAsync(socket);
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }

    private static async Task CloseQuietlyAsync(ClientWebSocket socket)
    {
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            // Already gone: nothing to close.
        }
    }

    private enum SessionEnd
    {
        Disconnect,
        Dropped,
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode connected")]
    private partial void LogConnected();

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack asked Socket Mode to reconnect: {Reason}")]
    private partial void LogDisconnect(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode connection dropped: {Kind} {Error}")]
    private partial void LogDropped(string kind, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconnecting to Slack Socket Mode in {Delay}")]
    private partial void LogBackingOff(TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost a Socket Mode acknowledgement: {Error}")]
    private partial void LogAckLost(string error);
}
