using System.ComponentModel.DataAnnotations;

namespace PeerBot.Scheduler.Delivery;

/// <summary>Settings under <c>PeerBot:Outbox</c>: how fast and how stubbornly the outbox delivers.</summary>
public sealed class OutboxOptions
{
    /// <summary>Messages per second per workspace, shared by all instances through the database (Slack allows bursts but about 1/s per channel; 0 = no limit).</summary>
    [Range(0, 10_000)]
    public double WorkspaceMessagesPerSecond { get; set; } = 20;

    /// <summary>Minimum gap between two messages into one conversation (Slack: about 1 s).</summary>
    public TimeSpan ChannelInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Sends in flight at once per instance.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 16;

    /// <summary>Rows claimed per round trip to the database.</summary>
    [Range(1, 5_000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>Tries that reached the platform before a message becomes a dead letter (a 429 is backpressure and never counts).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long a claim holds unless renewed; renewed every third of it while its instance lives, so a crashed instance's rows resume within about this long.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How often an idle dispatcher looks for due rows that another instance (or time) made ready.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First retry delay after a failure; doubled each attempt.</summary>
    public TimeSpan RetryBase { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Off for tools that only fill the outbox (the benchmark drives its own dispatcher).</summary>
    public bool DispatcherEnabled { get; set; } = true;
}
