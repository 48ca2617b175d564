using System.ComponentModel.DataAnnotations;

namespace PeerBot.Scheduler.Persistence;

/// <summary>Settings under <c>PeerBot:JobRelay</c>: how often jobs that a committed decision implies, and Hangfire did not take yet, are offered again.</summary>
public sealed class JobRelayOptions
{
    /// <summary>The first wait before offering a job again; it doubles after each failure, up to an hour.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromSeconds(30);
}
