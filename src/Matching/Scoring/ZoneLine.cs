namespace PeerBot.Matching.Scoring;

/// <summary>
/// The shared times as one time zone reads them: <see cref="InGroup"/> names the zone when the group spans several
/// (one message everyone reads), <see cref="Own"/> is the same line for a reader alone in their copy.
/// </summary>
public sealed record ZoneLine(string ZoneId, string InGroup, string Own);
