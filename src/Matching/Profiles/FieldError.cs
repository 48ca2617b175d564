namespace PeerBot.Matching.Profiles;

/// <summary>One thing wrong with what a person typed, named by the field they would fix.</summary>
public sealed record FieldError(string Field, string Message);
