using System.ComponentModel.DataAnnotations;

namespace PeerBot.Bot.Retention;

/// <summary>Settings under <c>PeerBot:Retention</c>: how long each kind of record is kept before the sweep deletes it.</summary>
public sealed class RetentionOptions
{
    public const string Section = "PeerBot:Retention";

    /// <summary>Delivered outbox messages, counted from when they were sent.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan SentMessages { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Dead letters (listed in <c>/peer admin show</c>), counted from their last attempt.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan DeadLetters { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Slack event ids kept to drop Slack's retries (Slack retries for about an hour).</summary>
    [Range(typeof(TimeSpan), "02:00:00", "3650.00:00:00")]
    public TimeSpan SlackEvents { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Pulse comments, deleted once their (closed) pulse opened this long ago.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "36500.00:00:00")]
    public TimeSpan PulseComments { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How often each instance sweeps (the deletes are idempotent, so instances need no coordination).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(6);
}
