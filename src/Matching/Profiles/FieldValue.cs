using System.Runtime.CompilerServices;

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
    internal FieldValue(ProfileField field, object? value = null, int number = 0, IReadOnlyList<FieldError>? errors = null)
    {
        Field = field;
        _value = value;
        Number = number;
        Errors = errors;
    }

    // One reference for whichever the field holds (a roster copies this value once per line and field).
    private readonly object? _value;

    public ProfileField Field { get; }

    /// <summary>Name (null: the display name), school, time zone or cohort (null: cleared).</summary>
    internal string? Text => Unsafe.As<string?>(_value);

    /// <summary>Subjects, grade bands or focus areas.</summary>
    internal string[]? List => Unsafe.As<string[]?>(_value);

    /// <summary>Availability windows (also when some entries were not time slots).</summary>
    internal AvailabilityWindow[]? Windows => Unsafe.As<AvailabilityWindow[]?>(_value);

    /// <summary>Years, capacity, or the role as a number.</summary>
    internal int Number { get; }

    /// <summary>What is wrong with the text (null when nothing is), worded for the person who wrote it.</summary>
    public IReadOnlyList<FieldError>? Errors { get; }
}
