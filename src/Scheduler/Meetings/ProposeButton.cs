using System.Globalization;
using PeerBot.Matching.Scoring;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Scheduler.Meetings;

/// <summary>
/// The one-click <em>Propose Tue 3:30</em> under an introduction: its value names the pairing and the shared slot (an
/// instant of the week they were introduced), so whoever clicks gets the next time that slot comes round on their clock.
/// </summary>
public static class ProposeButton
{
    public const string Action = "meeting.propose";

    /// <summary>How many of the shared slots get a button.</summary>
    public const int MaxButtons = 2;

    private const string Format = "yyyyMMdd'T'HHmm'Z'";

    public static ChatButton For(Guid pairingId, SharedSlot slot, TimeZoneInfo zone, bool nameZone)
    {
        var when = $"{SharedTimes.SayStart(slot.Start, zone)}{(nameZone ? $" ({City(zone)})" : "")}";
        var value = string.Create(CultureInfo.InvariantCulture, $"{pairingId:N}|{slot.Start.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture)}|{slot.MeetingMinutes}");
        return new ChatButton($"Propose {when}", Action, value, ButtonStyle.Primary, $"Send everyone a calendar invitation for {when}");
    }

    public static bool TryRead(string value, out Guid pairingId, out DateTimeOffset slotStart, out int minutes)
    {
        (pairingId, slotStart, minutes) = (Guid.Empty, default, 0);
        var parts = value.Split('|');
        return parts.Length == 3
            && Guid.TryParseExact(parts[0], "N", out pairingId)
            && DateTimeOffset.TryParseExact(parts[1], Format, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out slotStart)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out minutes)
            && minutes is >= SharedTimes.MinimumMinutes and <= SharedTimes.MeetingMinutes;
    }

    /// <summary>"America/New_York" → "New York": how people name a zone.</summary>
    public static string City(TimeZoneInfo zone) => zone.Id.Split('/')[^1].Replace('_', ' ');
}
