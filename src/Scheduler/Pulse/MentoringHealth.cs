namespace PeerBot.Scheduler.Pulse;

/// <summary>Are pairs meeting: active pairings, the share that said "met" this week, and the mean check-in rating.</summary>
/// <param name="MeanRating">Null when fewer ratings than the suppression threshold were given.</param>
public sealed record MentoringHealth(int ActivePairings, double? MetShare, double? MeanRating, int Ratings);
