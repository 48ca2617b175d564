namespace PeerBot.Matching.Profiles;

/// <summary>
/// A teacher as the matching engine sees them. Lists hold normalised, lower-case tokens
/// (e.g. subjects "math", grades "6-8", focus "classroom-management").
/// </summary>
public sealed record TeacherProfile
{
    /// <summary>Stable id: the platform user id (Slack "U…", Teams "29:…" channel account id) or a roster id.</summary>
    public required string Id { get; init; }
    public string Name { get; init; } = "";
    public MentoringRole Role { get; init; } = MentoringRole.Peer;
    public IReadOnlyList<string> Subjects { get; init; } = [];
    public IReadOnlyList<string> Grades { get; init; } = [];
    public int Years { get; init; }
    public string? School { get; init; }
    public IReadOnlyList<string> Focus { get; init; } = [];
    /// <summary>IANA time zone id, e.g. "America/Chicago".</summary>
    public string? TimeZone { get; init; }
    public IReadOnlyList<AvailabilityWindow> Availability { get; init; } = [];
    /// <summary>How many mentees a mentor takes (1–4); 0 for people who do not mentor.</summary>
    public int Capacity { get; init; }
    public string? Cohort { get; init; }

    public bool Mentors => Role is MentoringRole.Mentor or MentoringRole.Both;
    public bool WantsMentor => Role is MentoringRole.Mentee or MentoringRole.Both;
}
