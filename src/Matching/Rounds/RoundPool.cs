using PeerBot.Matching.Profiles;
using PeerBot.Matching.Rules;
using PeerBot.Matching.Scoring;

namespace PeerBot.Matching.Rounds;

/// <summary>The people taking part in one round (paused members left out), compiled, with the pairs the rules forbid.</summary>
internal sealed class RoundPool
{
    public RoundPool(IReadOnlyList<TeacherProfile> people, RoundOptions options)
    {
        options.Validate();
        var paused = options.Rules.Paused;
        var active = new List<TeacherProfile>(people.Count);
        var indexOf = new Dictionary<string, int>(people.Count, StringComparer.Ordinal);
        foreach (var person in people)
        {
            if (paused.Contains(person.Id))
            {
                continue;
            }

            if (!indexOf.TryAdd(person.Id, active.Count))
            {
                throw new ArgumentException($"Person id '{person.Id}' appears more than once.", nameof(people));
            }

            active.Add(person);
        }

        Options = options;
        People = active;
        Ids = [.. active.Select(p => p.Id)];
        IndexOf = indexOf;
        Features = new PoolFeatures(active, options.Today, options.DefaultTimeZone);
        Forbidden = new ForbiddenPairs(indexOf, options.Rules, options.Today);
    }

    public RoundOptions Options { get; }

    public IReadOnlyList<TeacherProfile> People { get; }

    public string[] Ids { get; }

    public IReadOnlyDictionary<string, int> IndexOf { get; }

    public PoolFeatures Features { get; }

    public ForbiddenPairs Forbidden { get; }

    public int Count => People.Count;

    public CompatibilityScorer Scorer(PairingKind kind) => new(Features, Options.Weights, kind);
}
