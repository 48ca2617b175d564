namespace PeerBot.Matching.Scoring;

/// <summary>A stretch of the reference week when everyone in a pair or pod is free (instants, so every zone reads it its own way).</summary>
public sealed record SharedSlot(DateTimeOffset Start, DateTimeOffset End)
{
    public int Minutes => (int)(End - Start).TotalMinutes;

    /// <summary>How long a proposed meeting is: the 20 minutes introductions suggest, or the whole slot when it is shorter.</summary>
    public int MeetingMinutes => Math.Min(SharedTimes.MeetingMinutes, Minutes);
}
