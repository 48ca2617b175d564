using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace PeerBot.Scheduler.Workspaces;

/// <summary>
/// Tells every instance on the database that a workspace changed (its settings, or it removed PeerBot), so each forgets
/// its cached copy within moments instead of at the cache's expiry. PostgreSQL <c>LISTEN/NOTIFY</c> on one channel;
/// a listener that lost its connection forgets everything it cached when it is back, since it may have missed news.
/// </summary>
public sealed partial class WorkspaceChanges(NpgsqlDataSource db, WorkspaceDirectory workspaces, ILogger<WorkspaceChanges> log) : BackgroundService
{
    public const string Channel = "peerbot_workspace_changes";

    /// <summary>How long the listener waits for news before checking that its connection is still alive.</summary>
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(15);

    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once this instance first listens (tests and start-up ordering wait for it).</summary>
    public Task Listening => _listening.Task;

    /// <summary>Raised after this instance heard (from any instance, itself included) that a workspace changed and forgot its copy.</summary>
    public event Action<Guid>? Heard;

    /// <summary>Forgets the workspace here at once and tells the other instances; their copies go at the latest by the cache's expiry if the news is lost.</summary>
    public async Task PublishAsync(Guid workspaceId, CancellationToken ct)
    {
        workspaces.Invalidate(workspaceId);
        try
        {
            await using var cmd = db.CreateCommand("select pg_notify($1, $2)");
            cmd.Parameters.Add(new() { Value = Channel });
            cmd.Parameters.Add(new() { Value = workspaceId.ToString("N") });
            await cmd.ExecuteNonQueryAsync(ct);
        }
        catch (NpgsqlException e)
        {
            LogNotPublished(e, workspaceId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
            {
                LogListenerLost(e, backoff);
                try
                {
                    await Task.Delay(backoff, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
                continue;
            }

            backoff = TimeSpan.FromSeconds(1);
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        conn.Notification += (_, e) =>
        {
            if (Guid.TryParseExact(e.Payload, "N", out var id))
            {
                workspaces.Invalidate(id);
                Heard?.Invoke(id);
            }
        };
        await using (var listen = new NpgsqlCommand($"listen {Channel}", conn))
        {
            await listen.ExecuteNonQueryAsync(ct);
        }

        // Anything cached before this moment may have changed while nobody was listening.
        workspaces.InvalidateAll();
        _listening.TrySetResult();
        while (!ct.IsCancellationRequested)
        {
            if (!await conn.WaitAsync(Idle, ct))
            {
                // Quiet: make sure the connection is still there (a half-open one would otherwise wait forever).
                await using var ping = new NpgsqlCommand("select 1", conn);
                await ping.ExecuteScalarAsync(ct);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not tell other instances that workspace {WorkspaceId} changed; they see it when their cache expires")]
    private partial void LogNotPublished(Exception e, Guid workspaceId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the database connection that hears other instances' workspace changes; listening again in {Backoff}")]
    private partial void LogListenerLost(Exception e, TimeSpan backoff);
}
