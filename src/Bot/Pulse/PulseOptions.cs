using System.ComponentModel.DataAnnotations;

namespace PeerBot.Bot.Pulse;

/// <summary>Settings under <c>PeerBot:Pulse</c>.</summary>
public sealed class PulseOptions
{
    /// <summary>Fewest respondents a report cell may show. Values below 3 are refused at start (and raised to 3 anywhere else).</summary>
    [Range(3, 1000, ErrorMessage = "PeerBot:Pulse:SuppressionThreshold must be at least 3 (default 5): smaller groups could expose a person.")]
    public int SuppressionThreshold { get; set; } = Matching.Pulse.SuppressionThreshold.Default;
}
