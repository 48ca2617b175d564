using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using PeerBot.Scheduler.Observability;

namespace PeerBot.Bot.Slack.SocketMode;

/// <summary>
/// Socket Mode, when <c>Slack:AppToken</c> is set: PeerBot dials out to Slack (apps.connections.open, then a WebSocket),
/// so schools without a public URL can run it. The socket is pinged every <c>Slack:SocketModeKeepAlive</c>; a ping left
/// unanswered for <c>Slack:SocketModeReceiveTimeout</c> (a half-open socket) or no <c>hello</c> within it counts as a
/// drop, reopened after a back-off that doubles up to <c>Slack:SocketModeMaxBackoff</c>. When Slack announces a refresh
/// (<c>disconnect</c> with <c>warning</c> or <c>refresh_requested</c>) the new connection is opened first and the old one
/// closed after, so no envelope falls in between; <c>link_disabled</c> (Socket Mode turned off) waits the longest back-off.
/// </summary>
public sealed partial class SlackSocketMode(
    SlackApiClient api, SocketEnvelopeHandler envelopes, IOptions<SlackOptions> options, PeerBotMetrics metrics, ILogger<SlackSocketMode> log) : BackgroundService
{
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);

    private readonly Counter<long> _disconnects = metrics.Meter.CreateCounter<long>(
        "peerbot.slack.socket_mode.disconnects", "{connection}", "Socket Mode connections that ended, by reason (Slack's disconnect reason, or dropped)");

    private int _sessions;
    private int _open;

    /// <summary>How many sessions said hello (tests and logs).</summary>
    public int Sessions => _sessions;

    /// <summary>Connections open right now that said hello (two for a moment while a refresh overlaps).</summary>
    public int OpenConnections => _open;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(options.Value.AppToken))
        {
            metrics.Meter.CreateObservableGauge("peerbot.slack.socket_mode.connections", () => _open, "{connection}", "Open Slack Socket Mode connections");
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.AppToken is not { Length: > 0 } appToken)
        {
            return;
        }

        var backoff = FirstBackoff;
        SocketSession? current = null;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                current ??= await TryOpenAsync(appToken, stoppingToken);
                if (current is null)
                {
                    await BackOffAsync(backoff, stoppingToken);
                    backoff = Doubled(backoff);
                    continue;
                }

                var end = await current.Ended.WaitAsync(stoppingToken);
                _disconnects.Add(1, new KeyValuePair<string, object?>("reason", end.Reason));
                switch (end.Kind)
                {
                    case SessionEndKind.Refresh:
                        // The old connection keeps delivering (and acknowledging) until the new one said hello.
                        LogRefresh(end.Reason);
                        var next = await TryOpenAsync(appToken, stoppingToken);
                        await current.CloseAsync();
                        current = next;
                        backoff = FirstBackoff;
                        break;
                    case SessionEndKind.LinkDisabled:
                        LogLinkDisabled(options.Value.SocketModeMaxBackoff);
                        await current.CloseAsync();
                        current = null;
                        await BackOffAsync(options.Value.SocketModeMaxBackoff, stoppingToken);
                        break;
                    default:
                        LogDropped(end.Reason, end.Detail);
                        await current.CloseAsync();
                        current = null;
                        await BackOffAsync(backoff, stoppingToken);
                        backoff = Doubled(backoff);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
        finally
        {
            if (current is not null)
            {
                await current.CloseAsync();
            }
        }
    }

    /// <summary>A new connection that said hello, or null (logged) when Slack or the network would not give one.</summary>
    private async Task<SocketSession?> TryOpenAsync(string appToken, CancellationToken ct)
    {
        SocketSession? session = null;
        try
        {
            var opened = await api.CallFormAsync("apps.connections.open", appToken, new Dictionary<string, string>(), ct);
            session = new SocketSession(new Uri(opened.GetProperty("url").GetString()!), envelopes, options.Value, log, ct);
            await session.OpenAsync(ct);
            Interlocked.Increment(ref _sessions);
            Interlocked.Increment(ref _open);
            session.Closed += () => Interlocked.Decrement(ref _open);
            LogConnected();
            return session;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Whatever broke this attempt, the loop must live on: an escaped exception would stop the whole host.
            LogOpenFailed(e.GetType().Name, e.Message);
            if (session is not null)
            {
                await session.CloseAsync();
            }

            return null;
        }
    }

    private async Task BackOffAsync(TimeSpan delay, CancellationToken ct)
    {
        LogBackingOff(delay);
        await Task.Delay(delay, ct);
    }

    private TimeSpan Doubled(TimeSpan backoff) => TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, options.Value.SocketModeMaxBackoff.Ticks));

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode connected")]
    private partial void LogConnected();

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack asked Socket Mode to refresh ({Reason}): opening the new connection before closing the old one")]
    private partial void LogRefresh(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack disabled this app's Socket Mode link (link_disabled): trying again in {Delay}")]
    private partial void LogLinkDisabled(TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode connection ended: {Reason} {Detail}")]
    private partial void LogDropped(string reason, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not open a Slack Socket Mode connection: {Kind} {Error}")]
    private partial void LogOpenFailed(string kind, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Reconnecting to Slack Socket Mode in {Delay}")]
    private partial void LogBackingOff(TimeSpan delay);
}
