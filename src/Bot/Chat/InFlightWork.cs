using System.Collections.Concurrent;

namespace PeerBot.Bot.Chat;

/// <summary>
/// Work that outlives the request that started it (a late reply, a confirmation, a Slack event): tracked, and waited for
/// on a graceful stop so the answers a teacher is owed still arrive. Kestrel stops taking requests first; the database
/// stops after this (see <see cref="ChatExtensions"/>).
/// </summary>
public sealed partial class InFlightWork(ILogger<InFlightWork> log) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _giveUp = new();
    private readonly ConcurrentDictionary<long, Task> _running = new();
    private long _next;

    /// <summary>Cancelled only when a graceful stop ran out of time (the host's shutdown timeout), never at the start of it.</summary>
    public CancellationToken Stopping => _giveUp.Token;

    /// <summary>How many pieces of work are still running.</summary>
    public int Count => _running.Count;

    /// <summary>Runs <paramref name="work"/> in the background; its failure is logged, never thrown at anyone.</summary>
    public void Run(Func<Task> work) => Track(GuardedAsync(work));

    /// <summary>Tracks a task already running (its own failures are its business).</summary>
    public void Track(Task work)
    {
        var id = Interlocked.Increment(ref _next);
        _running[id] = work;
        // Registered after the entry exists, so a task that already finished still removes itself.
        work.ContinueWith(_ => _running.TryRemove(id, out Task? _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_running.IsEmpty)
        {
            return;
        }

        LogDraining(_running.Count);
        try
        {
            while (!_running.IsEmpty)
            {
                try
                {
                    await Task.WhenAll(_running.Values).WaitAsync(cancellationToken);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // A tracked task failed: its owner logged it. The others are still waited for.
                }
            }
        }
        catch (OperationCanceledException)
        {
            LogGaveUp(_running.Count);
            await _giveUp.CancelAsync();
        }
    }

    private async Task GuardedAsync(Func<Task> work)
    {
        try
        {
            await work();
        }
        catch (OperationCanceledException) when (Stopping.IsCancellationRequested)
        {
            LogAbandoned();
        }
        catch (Exception e)
        {
            LogFailed(e);
        }
    }

    public void Dispose() => _giveUp.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping: waiting for {Count} replies still being worked on")]
    private partial void LogDraining(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: gave up waiting for {Count} replies (shutdown timeout); they are cancelled")]
    private partial void LogGaveUp(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "A reply was abandoned because the app stopped")]
    private partial void LogAbandoned();

    [LoggerMessage(Level = LogLevel.Error, Message = "Background reply work failed")]
    private partial void LogFailed(Exception e);
}
