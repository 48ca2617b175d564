namespace PeerBot.Matching.Scoring;

/// <summary>Whether a workspace wants pairs from the same building or from different ones.</summary>
public enum SchoolPreference
{
    /// <summary>Default: someone outside the building is safer to be vulnerable with, and brings fresh practice.</summary>
    OtherSchool,
    /// <summary>Someone down the hall: easier to meet and to observe each other's classes.</summary>
    SameSchool,
    /// <summary>School plays no part in the score.</summary>
    NoPreference,
}
