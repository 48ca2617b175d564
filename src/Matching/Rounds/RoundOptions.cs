using PeerBot.Matching.Rules;
using PeerBot.Matching.Scoring;

namespace PeerBot.Matching.Rounds;

/// <summary>Everything a pairing round needs besides the people: the CLI flags and the workspace's settings.</summary>
public sealed record RoundOptions
{
    /// <summary>The round's date: the repeat window counts back from it and time-zone offsets are taken in its week.</summary>
    public required DateOnly Today { get; init; }

    /// <summary>Breaks ties between equally good answers; the same input and seed always give the same result.</summary>
    public int Seed { get; init; }

    public CandidateMode Candidates { get; init; } = CandidateMode.Sparse;

    public CandidateLimits Limits { get; init; } = new();

    public CompatibilityWeights Weights { get; init; } = new();

    public PairingRules Rules { get; init; } = new();

    /// <summary>Target pod size, 2–4; pools that do not divide evenly get pods one larger or smaller.</summary>
    public int PodSize { get; init; } = 3;

    /// <summary>IANA time zone for people without one: the workspace's.</summary>
    public string DefaultTimeZone { get; init; } = "UTC";

    public void Validate()
    {
        if (PodSize is < 2 or > 4)
        {
            throw new ArgumentException("PodSize must be 2, 3 or 4.", nameof(PodSize));
        }

        if (Rules.RepeatWindowDays < 0)
        {
            throw new ArgumentException("RepeatWindowDays must not be negative.", nameof(Rules));
        }

        Limits.Validate();
        Weights.Validate();
    }
}
