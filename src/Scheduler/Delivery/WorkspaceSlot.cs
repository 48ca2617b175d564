using System.Diagnostics;

namespace PeerBot.Scheduler.Delivery;

/// <summary>
/// One turn in a workspace's pace: when it fell due (on this process's monotonic clock) and how late a send may still
/// use it. Later than that, the turns after it are other sends' (on any instance), so this one must take a fresh turn.
/// </summary>
public sealed record WorkspaceSlot(long DueTimestamp, TimeSpan Grace)
{
    /// <summary>A workspace with no limit: any moment is its turn.</summary>
    public static WorkspaceSlot Unpaced { get; } = new(0, TimeSpan.MaxValue);

    /// <summary>How far past its turn a send would be if it went now.</summary>
    public TimeSpan Lateness => Stopwatch.GetElapsedTime(DueTimestamp);

    public bool Missed => Grace != TimeSpan.MaxValue && Lateness > Grace;
}
