using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace PeerBot.Bot.Slack.SocketMode;

/// <summary>
/// One Socket Mode WebSocket: receives envelopes and acknowledges each by envelope_id (handled off the receive loop, so
/// one slow command never delays another's ack). <see cref="Ended"/> completes at Slack's first <c>disconnect</c> (the
/// socket keeps delivering until <see cref="CloseAsync"/>) or when the socket drops.
/// </summary>
internal sealed partial class SocketSession(Uri url, SocketEnvelopeHandler envelopes, SlackOptions options, ILogger log, CancellationToken appStopping)
{
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly TaskCompletionSource _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<SessionEnd> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ConcurrentDictionary<Task, bool> _acks = new();
    private Task _receiving = Task.CompletedTask;
    private int _closed;

    public Task<SessionEnd> Ended => _ended.Task;

    /// <summary>Raised once, when a session that said hello is closed.</summary>
    public event Action? Closed;

    /// <summary>Connects and waits for Slack's hello; throws when either takes longer than the receive timeout.</summary>
    public async Task OpenAsync(CancellationToken ct)
    {
        // Keep-alive: a PING every interval; no PONG within the timeout aborts the socket, so a half-open one is noticed.
        _socket.Options.KeepAliveInterval = options.SocketModeKeepAlive;
        _socket.Options.KeepAliveTimeout = options.SocketModeReceiveTimeout;
        using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            connecting.CancelAfter(options.SocketModeReceiveTimeout);
            await _socket.ConnectAsync(url, connecting.Token);
        }

        _receiving = Task.Run(ReceiveLoopAsync, CancellationToken.None);
        await _hello.Task.WaitAsync(options.SocketModeReceiveTimeout, ct);
    }

    /// <summary>Lets the acks under way finish, says goodbye, and lets the socket go. Safe to call more than once.</summary>
    public async Task CloseAsync()
    {
        if (Interlocked.Exchange(ref _closed, 1) == 1)
        {
            return;
        }

        try
        {
            await Task.WhenAll(_acks.Keys).WaitAsync(options.AckBudget + TimeSpan.FromSeconds(1));
        }
        catch (TimeoutException)
        {
            // An ack still unsent is delivered again by Slack on the new connection (and deduplicated there).
        }

        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "reconnecting", timeout.Token);
            }

            await _receiving.WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or TimeoutException or ObjectDisposedException)
        {
            // Already gone: nothing to close.
        }
        finally
        {
            _socket.Abort();
            _socket.Dispose();
            if (_hello.Task.IsCompletedSuccessfully)
            {
                Closed?.Invoke();
            }
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var end = new SessionEnd(SessionEndKind.Dropped, "dropped", "closed by Slack");
        try
        {
            while (await ReceiveAsync() is { } text)
            {
                JsonElement message;
                try
                {
                    using var doc = JsonDocument.Parse(text);
                    message = doc.RootElement.Clone();
                }
                catch (JsonException)
                {
                    LogMalformed();
                    continue;
                }

                if (message.TryGetProperty("envelope_id", out _))
                {
                    var ack = Task.Run(() => AcknowledgeAsync(message), CancellationToken.None);
                    _acks[ack] = true;
                    _ = ack.ContinueWith(t => _acks.TryRemove(t, out _), TaskScheduler.Default);
                    continue;
                }

                switch (message.TryGetProperty("type", out var t) ? t.GetString() : null)
                {
                    case "hello":
                        _hello.TrySetResult();
                        break;
                    case "disconnect":
                        var reason = message.TryGetProperty("reason", out var r) ? r.GetString() ?? "" : "";
                        _ended.TrySetResult(new SessionEnd(
                            reason switch
                            {
                                "refresh_requested" or "warning" => SessionEndKind.Refresh,
                                "link_disabled" => SessionEndKind.LinkDisabled,
                                _ => SessionEndKind.Dropped,
                            },
                            reason,
                            "disconnect"));
                        break;
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // A keep-alive timeout (no pong: half-open) or a network drop aborts the socket under the pending receive.
            end = new SessionEnd(SessionEndKind.Dropped, "dropped", e.Message);
        }
        finally
        {
            _hello.TrySetException(new WebSocketException("The Socket Mode connection closed before Slack said hello"));
            _ended.TrySetResult(end);
        }
    }

    private async Task AcknowledgeAsync(JsonElement envelope)
    {
        try
        {
            if (await envelopes.HandleAsync(envelope, appStopping) is not { } ack)
            {
                return;
            }

            var bytes = Encoding.UTF8.GetBytes(ack.ToJsonString(SlackJson.Options));
            await _sending.WaitAsync(appStopping);
            try
            {
                await _socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, appStopping);
            }
            finally
            {
                _sending.Release();
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The connection went away mid-ack; Slack redelivers the envelope on the next one.
            LogAckLost(e.Message);
        }
    }

    /// <summary>One whole text message, or null when the server closed the socket.</summary>
    private async Task<string?> ReceiveAsync()
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.ToArray());
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost a Socket Mode acknowledgement: {Error}")]
    private partial void LogAckLost(string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a Socket Mode frame that is not JSON")]
    private partial void LogMalformed();
}

/// <summary>How a Socket Mode session ended: the reason is Slack's disconnect reason, or "dropped".</summary>
internal sealed record SessionEnd(SessionEndKind Kind, string Reason, string Detail);

internal enum SessionEndKind
{
    /// <summary>Slack will close this connection soon (<c>warning</c>, <c>refresh_requested</c>): open the next one first.</summary>
    Refresh,

    /// <summary>Socket Mode was turned off for the app: connecting again fails until it is turned back on.</summary>
    LinkDisabled,

    /// <summary>The socket failed, timed out or was closed (or Slack closed it for another reason).</summary>
    Dropped,
}
