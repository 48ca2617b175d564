using System.ComponentModel.DataAnnotations;

namespace PeerBot.Scheduler.Ask;

/// <summary><c>PeerBot:Ask</c>: limits and how long a question keeps its asker's link.</summary>
public sealed class AskOptions
{
    /// <summary>Questions one member may ask in 24 hours.</summary>
    [Range(1, 100)]
    public int DailyLimit { get; init; } = 5;

    /// <summary>Helpers who may claim one question.</summary>
    [Range(1, 10)]
    public int Helpers { get; init; } = 2;

    /// <summary>How long answers are relayed before the question closes and forgets who asked (at least a day: the daily limit counts open questions).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "60.00:00:00")]
    public TimeSpan OpenFor { get; init; } = TimeSpan.FromDays(7);
}
