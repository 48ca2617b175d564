namespace PeerBot.Scheduler.Pulse;

/// <summary>Are pairs meeting: active pairings, the share that said "met" last week, and the mean check-in rating of the weeks that are over.</summary>
/// <param name="MetShare">Null when fewer pairings than the suppression threshold are active.</param>
/// <param name="MeanRating">Null when no week that is over was rated by as many people as the suppression threshold.</param>
public sealed record MentoringHealth(int ActivePairings, double? MetShare, double? MeanRating, int Ratings);
