namespace PeerBot.Matching.Pulse;

/// <summary>The fewest respondents a report cell may describe. Configurable, but never below <see cref="Minimum"/>.</summary>
public readonly record struct SuppressionThreshold
{
    public const int Default = 5;

    /// <summary>Below three, one person plus a colleague who knows their own answer could single out the third.</summary>
    public const int Minimum = 3;

    private SuppressionThreshold(int value) => Value = value;

    public int Value { get; }

    /// <summary>The configured value, raised to the minimum if set lower (a misconfiguration must never weaken anonymity).</summary>
    public static SuppressionThreshold Of(int? configured) => new(Math.Max(Minimum, configured ?? Default));

    public bool Allows(int respondents) => respondents >= Value;
}
