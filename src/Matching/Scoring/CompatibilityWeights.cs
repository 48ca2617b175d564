namespace PeerBot.Matching.Scoring;

/// <summary>
/// The compatibility score, defined in one place. A pair earns up to each weight below (points; the defaults
/// add up to 100), in proportion to how well it meets that ingredient. Workspaces override any value.
/// </summary>
public sealed record CompatibilityWeights
{
    /// <summary>Shared subjects (share of the smaller list). Biggest factor: advice on teaching fractions transfers between two math teachers, rarely to a PE teacher.</summary>
    public double Subject { get; init; } = 30;

    /// <summary>Shared grade bands (share of the smaller list): a 1st-grade and a 10th-grade classroom differ more than two schools do.</summary>
    public double Grade { get; init; } = 20;

    /// <summary>Shared focus areas (share of the smaller list): what the mentee wants help with, or what peers want to work on together.</summary>
    public double Focus { get; init; } = 20;

    /// <summary>
    /// Mentoring: a useful experience gap, full between <see cref="IdealGapMinYears"/> and <see cref="IdealGapMaxYears"/>,
    /// nothing for two first-years or for a mentor who is not ahead, fading out by <see cref="MaxUsefulGapYears"/>
    /// (30 years ahead is a different profession). Peers: a similar career stage, fading out by <see cref="PeerGapYears"/>.
    /// </summary>
    public double Experience { get; init; } = 15;

    /// <summary>
    /// Shared free time across time zones, full at <see cref="FullOverlapMinutes"/> a week: a pair that can never meet
    /// does not meet. Without availability on both sides, at most half of it, from how close the time zones are.
    /// </summary>
    public double Schedule { get; init; } = 10;

    /// <summary>Awarded when the two schools match the workspace's <see cref="SchoolPreference"/> (both schools known).</summary>
    public double School { get; init; } = 5;

    public SchoolPreference SchoolPreference { get; init; } = SchoolPreference.OtherSchool;

    public int IdealGapMinYears { get; init; } = 3;

    public int IdealGapMaxYears { get; init; } = 12;

    public int MaxUsefulGapYears { get; init; } = 25;

    public int PeerGapYears { get; init; } = 10;

    public int FullOverlapMinutes { get; init; } = 60;

    /// <summary>The best possible score with these weights.</summary>
    public double Maximum => Subject + Grade + Focus + Experience + Schedule + School;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting that makes no sense.</summary>
    public void Validate()
    {
        Check(Subject >= 0, nameof(Subject), "must not be negative");
        Check(Grade >= 0, nameof(Grade), "must not be negative");
        Check(Focus >= 0, nameof(Focus), "must not be negative");
        Check(Experience >= 0, nameof(Experience), "must not be negative");
        Check(Schedule >= 0, nameof(Schedule), "must not be negative");
        Check(School >= 0, nameof(School), "must not be negative");
        Check(Maximum is > 0 and <= 1000, nameof(Maximum), "weights must add up to more than 0 and at most 1000");
        Check(IdealGapMinYears >= 1, nameof(IdealGapMinYears), "must be at least 1");
        Check(IdealGapMaxYears >= IdealGapMinYears, nameof(IdealGapMaxYears), "must not be below IdealGapMinYears");
        Check(MaxUsefulGapYears > IdealGapMaxYears, nameof(MaxUsefulGapYears), "must be above IdealGapMaxYears");
        Check(PeerGapYears >= 1, nameof(PeerGapYears), "must be at least 1");
        Check(FullOverlapMinutes >= 15, nameof(FullOverlapMinutes), "must be at least 15");

        static void Check(bool ok, string name, string why)
        {
            if (!ok)
            {
                throw new ArgumentException($"CompatibilityWeights.{name} {why}.", name);
            }
        }
    }
}
