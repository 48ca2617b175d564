using System.ComponentModel.DataAnnotations;

namespace PeerBot.Bot.Scheduling;

/// <summary>Settings under <c>PeerBot</c> for background jobs and their dashboard.</summary>
public sealed class SchedulingOptions
{
    /// <summary>Hangfire workers per instance. Small on purpose: jobs fan out through the outbox, not through workers.</summary>
    [Range(1, 32)]
    public int Workers { get; set; } = 2;

    /// <summary>How often each instance looks for workspaces whose recurring jobs are not registered yet.</summary>
    public TimeSpan ScheduleSyncInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>User name for the Hangfire dashboard at /hangfire (HTTP Basic).</summary>
    public string DashboardUser { get; set; } = "admin";

    /// <summary>Password for the dashboard; while unset the dashboard refuses everyone.</summary>
    public string? DashboardPassword { get; set; }
}
