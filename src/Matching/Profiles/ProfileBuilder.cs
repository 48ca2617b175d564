using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PeerBot.Matching.Profiles;

/// <summary>
/// Turns raw field text (from a chat form, inline <c>join</c> fields or a roster line) into a
/// validated <see cref="TeacherProfile"/>, or says exactly which field is wrong and how to write it.
/// </summary>
public static partial class ProfileBuilder
{
    /// <summary>Every field name a person may use, with its aliases.</summary>
    public static readonly IReadOnlyDictionary<string, string> FieldNames = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = "name",
        ["role"] = "role",
        ["subjects"] = "subjects",
        ["subject"] = "subjects",
        ["grades"] = "grades",
        ["grade"] = "grades",
        ["years"] = "years",
        ["school"] = "school",
        ["focus"] = "focus",
        ["tz"] = "timezone",
        ["timezone"] = "timezone",
        ["avail"] = "availability",
        ["availability"] = "availability",
        ["capacity"] = "capacity",
        ["cohort"] = "cohort",
    };

    // What a new person starts from before their fields are applied.
    private static readonly TeacherProfile Blank = new() { Id = "" };

    public const string RoleHelp = "role is one of mentee, mentor, both, peer";

    // Bounded, so free text from chat cannot grow them without end.
    private const int MaxCommonWords = 4096;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> CommonWords = new(StringComparer.Ordinal);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> KnownZones = new(StringComparer.Ordinal);
    private static readonly System.Buffers.SearchValues<char> PlainToken =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789-_.&/+'()");

    /// <summary>
    /// Applies <paramref name="fields"/> on top of <paramref name="existing"/> (or a new profile).
    /// A field given empty clears it. Role is required for a new profile.
    /// </summary>
    public static (TeacherProfile? Profile, IReadOnlyList<FieldError> Errors) Build(
        string id, string displayName, IReadOnlyDictionary<string, string> fields, TeacherProfile? existing = null)
    {
        KeyValuePair<string, string>[] inOrder = [.. fields];
        return Build(id, displayName, inOrder, existing);
    }

    /// <summary>
    /// The same for fields given in order (a roster line read without a dictionary); each name once, as in a dictionary
    /// that ignores case. Values repeated across calls (a roster's subjects, grades, focus, availability) are parsed once.
    /// </summary>
    public static (TeacherProfile? Profile, IReadOnlyList<FieldError> Errors) Build(
        string id, string displayName, ReadOnlySpan<KeyValuePair<string, string>> fields, TeacherProfile? existing = null)
    {
        // Most people give good fields: the error list is made at the first error.
        List<FieldError>? errors = null;
        var p = existing ?? Blank;

        // Fields land in locals and the profile is made once at the end: a state roster builds 100k+ of them.
        var name = existing is null ? displayName : p.Name;
        var role = p.Role;
        var subjects = p.Subjects;
        var gradeList = p.Grades;
        var years = p.Years;
        var school = p.School;
        var focus = p.Focus;
        var timeZone = p.TimeZone;
        var availability = p.Availability;
        var capacity = p.Capacity;
        var cohort = p.Cohort;
        var roleGiven = false;
        var capacityGiven = false;

        foreach (var (rawKey, rawValue) in fields)
        {
            if (!FieldNames.TryGetValue(rawKey, out var key))
            {
                (errors ??= []).Add(new FieldError(rawKey, $"unknown field \"{rawKey}\": use role, subjects, grades, years, school, focus, tz, avail, capacity or cohort"));
                continue;
            }

            var value = rawValue.Trim();
            switch (key)
            {
                case "name":
                    name = value.Length == 0 ? displayName : Limit(value, 80);
                    break;
                case "role":
                    roleGiven = true;
                    if (TryParseRole(value, out var parsedRole))
                    {
                        role = parsedRole;
                    }
                    else
                    {
                        (errors ??= []).Add(new FieldError("role", $"\"{value}\" is not a role: {RoleHelp}"));
                    }

                    break;
                case "subjects":
                    subjects = SubjectLists.Get(value);
                    break;
                case "grades":
                    var grades = GradeLists.Get(value);
                    if (grades.Bad is null)
                    {
                        gradeList = grades.Bands;
                    }
                    else
                    {
                        (errors ??= []).Add(new FieldError("grades", $"\"{grades.Bad}\" is not a grade band: {GradeBand.Help}"));
                    }

                    break;
                case "years":
                    if (value.Length == 0)
                    {
                        years = 0;
                    }
                    else if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsedYears) && parsedYears <= 60)
                    {
                        years = parsedYears;
                    }
                    else
                    {
                        (errors ??= []).Add(new FieldError("years", $"\"{value}\" is not a number of years: write a whole number from 0 to 60, e.g. years:2"));
                    }

                    break;
                case "school":
                    school = value.Length == 0 ? null : Limit(value, 120);
                    break;
                case "focus":
                    focus = FocusLists.Get(value);
                    break;
                case "timezone":
                    if (value.Length == 0)
                    {
                        timeZone = null;
                    }
                    else if (IsTimeZone(value))
                    {
                        timeZone = value;
                    }
                    else
                    {
                        (errors ??= []).Add(new FieldError("timezone", $"\"{value}\" is not a time zone: use an IANA name such as America/Chicago"));
                    }

                    break;
                case "availability":
                    var slots = AvailabilityLists.Get(value);
                    foreach (var part in slots.Bad)
                    {
                        (errors ??= []).Add(new FieldError("availability", $"\"{part}\" is not a time slot: write day and hours like \"tue 15:30-16:30\""));
                    }

                    availability = slots.Windows;
                    break;
                case "capacity":
                    capacityGiven = true;
                    if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var cap) && cap is >= 0 and <= 4)
                    {
                        capacity = cap;
                    }
                    else
                    {
                        (errors ??= []).Add(new FieldError("capacity", $"\"{value}\" is not a capacity: a mentor takes 1 to 4 mentees, e.g. capacity:2"));
                    }

                    break;
                case "cohort":
                    cohort = value.Length == 0 ? null : Limit(value.ToLowerInvariant(), 60);
                    break;
            }
        }

        if (existing is null && !roleGiven && errors is null)
        {
            (errors ??= []).Add(new FieldError("role", $"tell me your role: {RoleHelp}, e.g. role:mentee"));
        }

        if (errors is null)
        {
            // Mentors always take at least one mentee; non-mentors take none.
            var mentors = role is MentoringRole.Mentor or MentoringRole.Both;
            if (mentors && capacity == 0)
            {
                if (capacityGiven)
                {
                    (errors ??= []).Add(new FieldError("capacity", "a mentor takes 1 to 4 mentees, e.g. capacity:2"));
                }
                else
                {
                    capacity = 1;
                }
            }
            else if (!mentors)
            {
                capacity = 0;
            }
        }

        if (errors is not null)
        {
            return (null, errors);
        }

        // A new person is made once; an existing one is copied with the fields applied.
        return (existing is null ? new TeacherProfile
        {
            Id = id,
            Name = name,
            Role = role,
            Subjects = subjects,
            Grades = gradeList,
            Years = years,
            School = school,
            Focus = focus,
            TimeZone = timeZone,
            Availability = availability,
            Capacity = capacity,
            Cohort = cohort,
        } : p with
        {
            Name = name,
            Role = role,
            Subjects = subjects,
            Grades = gradeList,
            Years = years,
            School = school,
            Focus = focus,
            TimeZone = timeZone,
            Availability = availability,
            Capacity = capacity,
            Cohort = cohort,
        }, []);
    }

    public static bool TryParseRole(string value, out MentoringRole role) =>
        Enum.TryParse(value.Trim(), ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(value, out _);

    // Parsed once per distinct text: a roster writes the same few lists on thousands of lines. The parsed values are
    // shared between profiles, which never change them.
    private static readonly ParsedValues<string[]> SubjectLists = new(Tokens);
    private static readonly ParsedValues<string[]> FocusLists = new(FocusAreas);
    private static readonly ParsedValues<GradeList> GradeLists = new(ParseGrades);
    private static readonly ParsedValues<AvailabilityList> AvailabilityLists = new(ParseAvailability);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, AvailabilityWindow> KnownSlots = new(StringComparer.Ordinal);

    private sealed record GradeList(string[] Bands, string? Bad);

    private sealed record AvailabilityList(AvailabilityWindow[] Windows, string[] Bad);

    private static GradeList ParseGrades(string value)
    {
        var grades = Tokens(value);
        var bands = new List<string>(grades.Length);
        foreach (var g in grades)
        {
            if (!GradeBand.TryNormalise(g, out var band))
            {
                return new GradeList([], g);
            }

            if (!bands.Contains(band))
            {
                bands.Add(band);
            }
        }

        return new GradeList([.. bands], null);
    }

    private static string[] FocusAreas(string value)
    {
        var areas = Tokens(value);
        for (var i = 0; i < areas.Length; i++)
        {
            if (areas[i].AsSpan().ContainsAnyExcept(PlainToken))
            {
                areas[i] = WhiteSpace().Replace(areas[i], "-");
            }
        }

        return areas;
    }

    /// <summary>The slots of a comma list (blank entries skipped), and every entry that is not a slot, in order.</summary>
    private static AvailabilityList ParseAvailability(string value)
    {
        var windows = new List<AvailabilityWindow>();
        List<string>? bad = null;
        var lookup = KnownSlots.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var range in value.AsSpan().Split(','))
        {
            var part = value.AsSpan(range).Trim();
            if (part.IsEmpty)
            {
                continue;
            }

            if (lookup.TryGetValue(part, out var known))
            {
                windows.Add(known);
                continue;
            }

            var text = part.ToString();
            if (AvailabilityWindow.TryParse(text, out var w))
            {
                windows.Add(w!);
                if (KnownSlots.Count < MaxCommonWords)
                {
                    KnownSlots.TryAdd(text, w!);
                }
            }
            else
            {
                (bad ??= []).Add(text);
            }
        }

        return new AvailabilityList([.. windows], bad is null ? [] : [.. bad]);
    }

    private static string[] Tokens(string value)
    {
        // Split on ',' and ';', trimmed, lower case, at most 60 characters, first spelling of each kept, at most 20.
        var tokens = new List<string>();
        foreach (var range in value.AsSpan().SplitAny(',', ';'))
        {
            var part = value.AsSpan(range).Trim();
            if (part.IsEmpty)
            {
                continue;
            }

            var token = Limit(Lower(part), 60);
            if (!tokens.Contains(token))
            {
                tokens.Add(token);
                if (tokens.Count == 20)
                {
                    break;
                }
            }
        }

        return [.. tokens];
    }

    /// <summary>Lower case of <paramref name="part"/>; the few words a roster repeats on every line are shared, not copied.</summary>
    private static string Lower(ReadOnlySpan<char> part)
    {
        if (!part.ContainsAnyInRange('A', 'Z') && Ascii.IsValid(part) && part.Length <= 40)
        {
            var lookup = CommonWords.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(part, out var known))
            {
                return known;
            }

            var word = part.ToString();
            if (CommonWords.Count < MaxCommonWords)
            {
                CommonWords.TryAdd(word, word);
            }

            return word;
        }

        return part.ToString().ToLowerInvariant();
    }

    /// <summary>True for a zone the system knows by an IANA name (or UTC); the answer is remembered, the lookup takes a lock.</summary>
    private static bool IsTimeZone(string value)
    {
        if (KnownZones.TryGetValue(value, out var known))
        {
            return known;
        }

        var valid = TimeZoneInfo.TryFindSystemTimeZoneById(value, out _) && (value.Contains('/', StringComparison.Ordinal) || value == "UTC");
        if (KnownZones.Count < MaxCommonWords)
        {
            KnownZones.TryAdd(value, valid);
        }

        return valid;
    }

    private static string Limit(string value, int max) => value.Length <= max ? value : value[..max];

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
