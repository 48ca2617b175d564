namespace PeerBot.Matching.Pulse;

/// <summary>One 1–5 question of a pulse. <paramref name="Key"/> groups the same question across pulses in trends.</summary>
/// <param name="HighIsHard">True when 5 is the hard end (stress): then a 5 is a signal to offer support.</param>
public sealed record PulseQuestion(string Key, string Text, bool HighIsHard);
