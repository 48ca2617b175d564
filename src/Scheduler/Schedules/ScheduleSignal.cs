namespace PeerBot.Scheduler.Schedules;

/// <summary>Wakes this instance's schedule keeper as soon as a workspace's rhythm changed, instead of at its next look.</summary>
public sealed class ScheduleSignal : WakeSignal;
