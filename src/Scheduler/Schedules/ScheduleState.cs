namespace PeerBot.Scheduler.Schedules;

/// <summary>
/// Whether a workspace's recurring jobs are registered in Hangfire (<c>workspaces.schedules</c>): not yet (new, changed
/// or installed again), registered, or stopped (uninstalled: nothing is scheduled until it is seen or installed again).
/// </summary>
public enum ScheduleState
{
    Pending,
    Synced,
    Stopped,
}
