namespace PeerBot.Matching.Profiles;

/// <summary>The profile fields a person can give (each with its aliases in <see cref="ProfileBuilder.FieldNames"/>).</summary>
public enum ProfileField : byte
{
    Name,
    Role,
    Subjects,
    Grades,
    Years,
    School,
    Focus,
    TimeZone,
    Availability,
    Capacity,
    Cohort,
}

/// <summary>
/// One field's text parsed by <see cref="ProfileBuilder.Parse"/>: what applying it to a profile sets, or what is wrong
/// with it. It depends on the text alone, so a roster that writes the same value on thousands of lines may parse it
/// once and apply it to each of them (<see cref="ProfileBuilder.Build(string, string, ReadOnlySpan{FieldValue}, TeacherProfile?)"/>).
/// </summary>
public readonly struct FieldValue
{
    internal FieldValue(ProfileField field, string? text = null, string[]? list = null, AvailabilityWindow[]? windows = null, int number = 0)
    {
        Field = field;
        Text = text;
        List = list;
        Windows = windows;
        Number = number;
    }

    internal FieldValue(ProfileField field, FieldError[] errors, AvailabilityWindow[]? windows = null)
    {
        Field = field;
        Errors = errors;
        Windows = windows;
    }

    public ProfileField Field { get; }

    /// <summary>Name (null: the display name), school, time zone or cohort (null: cleared).</summary>
    internal string? Text { get; }

    /// <summary>Subjects, grade bands or focus areas.</summary>
    internal string[]? List { get; }

    internal AvailabilityWindow[]? Windows { get; }

    /// <summary>Years, capacity, or the role as a number.</summary>
    internal int Number { get; }

    /// <summary>What is wrong with the text (null when nothing is), worded for the person who wrote it.</summary>
    public IReadOnlyList<FieldError>? Errors { get; }
}
