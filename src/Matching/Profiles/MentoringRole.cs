namespace PeerBot.Matching.Profiles;

/// <summary>What a teacher wants from PeerBot's pairing rounds.</summary>
public enum MentoringRole
{
    /// <summary>Wants a mentor.</summary>
    Mentee,
    /// <summary>Offers to mentor up to <see cref="TeacherProfile.Capacity"/> mentees.</summary>
    Mentor,
    /// <summary>Both mentors and is mentored ("sometimes I mentor you, sometimes you mentor me").</summary>
    Both,
    /// <summary>Only peer pods, no mentoring.</summary>
    Peer,
}
