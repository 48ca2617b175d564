namespace PeerBot.Scheduler.Schedules;

/// <summary>A school break: no rounds, nudges or pulses from <see cref="Starts"/> to <see cref="Ends"/>, both included.</summary>
public sealed record SchoolBreak(DateOnly Starts, DateOnly Ends)
{
    public bool Contains(DateOnly day) => day >= Starts && day <= Ends;
}
