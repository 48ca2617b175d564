namespace PeerBot.Matching.Rules;

/// <summary>
/// The hard rules of a pairing round: a pair that breaks one is never a candidate, whatever its score.
/// Never-self is not configurable and always applies.
/// </summary>
public sealed record PairingRules
{
    /// <summary>A pair that met less than this many days before the round does not meet again (default 180: about a school semester).</summary>
    public int RepeatWindowDays { get; init; } = 180;

    public IReadOnlyList<PastPairing> History { get; init; } = [];

    public IReadOnlyList<BlockedPair> Blocked { get; init; } = [];

    /// <summary>Ids of paused members; they are left out of the round as if absent.</summary>
    public IReadOnlySet<string> Paused { get; init; } = new HashSet<string>();

    /// <summary>True when a pairing on <paramref name="date"/> is still too recent to repeat on <paramref name="today"/>.</summary>
    public bool IsWithinWindow(DateOnly date, DateOnly today) => date > LastDayOutsideWindow(today);

    /// <summary>The last day a pairing may have been on to repeat on <paramref name="today"/>: within the window is after it.</summary>
    public DateOnly LastDayOutsideWindow(DateOnly today) => today.AddDays(-RepeatWindowDays);
}
