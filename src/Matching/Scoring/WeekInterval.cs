namespace PeerBot.Matching.Scoring;

/// <summary>Minutes [Start, End) of a UTC week that starts Monday 00:00; never wraps (wrapping windows are split).</summary>
internal readonly record struct WeekInterval(int Start, int End)
{
    public int Length => End - Start;
}
