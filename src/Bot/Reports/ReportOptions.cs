using System.ComponentModel.DataAnnotations;

namespace PeerBot.Bot.Reports;

/// <summary>Settings under <c>PeerBot:Reports</c>.</summary>
public sealed class ReportOptions
{
    /// <summary>Signs report links. Unset: a random key kept in the database, encrypted with ASP.NET Core Data Protection.</summary>
    [MinLength(32, ErrorMessage = "PeerBot:Reports:LinkSecret must be at least 32 characters (or unset, to use a generated key).")]
    public string? LinkSecret { get; set; }

    /// <summary>How long a report link works.</summary>
    [Range(1, 24 * 14, ErrorMessage = "PeerBot:Reports:LinkHours must be between 1 and 336.")]
    public int LinkHours { get; set; } = 24;
}
