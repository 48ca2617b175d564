namespace PeerBot.Scheduler.Schedules;

/// <summary>A workspace's rhythm, as its admins set it.</summary>
/// <param name="PairingSchedule">Cron (5 fields) in <see cref="TimeZone"/>.</param>
/// <param name="PairingEveryWeeks">Rounds run in every Nth week counted from <see cref="PairingAnchor"/> (2 = every other).</param>
public sealed record WorkspaceSettings(
    Guid WorkspaceId,
    string TimeZone,
    string PairingSchedule,
    int PairingEveryWeeks,
    DateOnly PairingAnchor,
    string CheckInSchedule,
    int PodSize,
    SendingWindow Window)
{
    public TimeZoneInfo Zone => TimeZones.FindOr(TimeZone, TimeZoneInfo.Utc);

    /// <summary>The channel pairs and pods are introduced in (set with <c>admin intros here</c>); null: their own conversation.</summary>
    public string? IntroChannel { get; init; }

    public string? IntroChannelName { get; init; }

    /// <summary>The video-call link added to introductions and invitations (set with <c>admin video</c>; may hold <c>{pair}</c>); null: none.</summary>
    public string? VideoLink { get; init; }
}
