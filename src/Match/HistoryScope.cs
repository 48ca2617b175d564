namespace PeerBot.MatchTool;

/// <summary>
/// What one round can use of a history: pairings of two people on its roster (<see cref="People"/>, their ids) met after
/// <see cref="After"/> (null: whenever). Every line of the file is still read and checked; the others are left out.
/// </summary>
public sealed record HistoryScope(IReadOnlyList<string> People, DateOnly? After);
