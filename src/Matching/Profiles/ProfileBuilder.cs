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
        var draft = new Draft(displayName, existing);
        foreach (var (rawKey, rawValue) in fields)
        {
            if (FieldNames.TryGetValue(rawKey, out var key))
            {
                draft.Apply(Parse(FieldOf(key), rawValue));
            }
            else
            {
                draft.Add(new FieldError(rawKey, $"unknown field \"{rawKey}\": use role, subjects, grades, years, school, focus, tz, avail, capacity or cohort"));
            }
        }

        return draft.Finish(id, existing);
    }

    /// <summary>
    /// The same for fields already parsed by <see cref="Parse"/>, in the order given (a roster parses each distinct value
    /// once and applies it to every line that writes it); each field once.
    /// </summary>
    public static (TeacherProfile? Profile, IReadOnlyList<FieldError> Errors) Build(
        string id, string displayName, ReadOnlySpan<FieldValue> fields, TeacherProfile? existing = null)
    {
        var draft = new Draft(displayName, existing);
        foreach (ref readonly var field in fields)
        {
            draft.Apply(field);
        }

        return draft.Finish(id, existing);
    }

    /// <summary>
    /// The availability of a list given item by item, from each item's own <see cref="Parse"/>: the value that parsing the
    /// items joined by commas gives, since a list of slots is read part by part (split at commas, each part trimmed, blank
    /// parts skipped). A dense roster seldom writes the same whole list twice, but its items come from a few dozen slots,
    /// so a reader parses each item once. False when an item is not an availability value or has errors: parse the
    /// joined text then.
    /// </summary>
    public static bool TryJoinAvailability(ReadOnlySpan<FieldValue> items, out FieldValue joined)
    {
        joined = default;
        var total = 0;
        foreach (ref readonly var item in items)
        {
            if (item.Field != ProfileField.Availability || item.Errors is not null || item.Windows is not { } windows)
            {
                return false;
            }

            total += windows.Length;
        }

        var all = total == 0 ? [] : new AvailabilityWindow[total];
        var at = 0;
        foreach (ref readonly var item in items)
        {
            item.Windows!.CopyTo(all, at);
            at += item.Windows.Length;
        }

        joined = new FieldValue(ProfileField.Availability, all);
        return true;
    }

    /// <summary>
    /// <paramref name="rawValue"/> given for <paramref name="field"/>, parsed as <see cref="Build(string, string, ReadOnlySpan{KeyValuePair{string, string}}, TeacherProfile?)"/>
    /// reads it: the result depends on the text alone (a name left empty stands for the person's display name).
    /// </summary>
    /// <param name="remember">False when the caller keeps each distinct value's result itself (a roster reader): lists are
    /// then parsed without the shared tables of lists already parsed.</param>
    public static FieldValue Parse(ProfileField field, string rawValue, bool remember = true)
    {
        var value = rawValue.Trim();
        switch (field)
        {
            case ProfileField.Name:
                return new FieldValue(field, value.Length == 0 ? null : Limit(value, 80));
            case ProfileField.Role:
                return TryParseRole(value, out var role)
                    ? new FieldValue(field, number: (int)role)
                    : Error(field, "role", $"\"{value}\" is not a role: {RoleHelp}");
            case ProfileField.Subjects:
                return new FieldValue(field, SubjectLists.Get(value, remember));
            case ProfileField.Grades:
                var grades = GradeLists.Get(value, remember);
                return grades.Bad is null
                    ? new FieldValue(field, grades.Bands)
                    : Error(field, "grades", $"\"{grades.Bad}\" is not a grade band: {GradeBand.Help}");
            case ProfileField.Years:
                if (value.Length == 0)
                {
                    return new FieldValue(field, number: 0);
                }

                return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var years) && years <= 60
                    ? new FieldValue(field, number: years)
                    : Error(field, "years", $"\"{value}\" is not a number of years: write a whole number from 0 to 60, e.g. years:2");
            case ProfileField.School:
                return new FieldValue(field, value.Length == 0 ? null : Limit(value, 120));
            case ProfileField.Focus:
                return new FieldValue(field, FocusLists.Get(value, remember));
            case ProfileField.TimeZone:
                if (value.Length == 0)
                {
                    return new FieldValue(field);
                }

                return IsTimeZone(value)
                    ? new FieldValue(field, value)
                    : Error(field, "timezone", $"\"{value}\" is not a time zone: use an IANA name such as America/Chicago");
            case ProfileField.Availability:
                var slots = AvailabilityLists.Get(value, remember);
                return slots.Bad.Length == 0
                    ? new FieldValue(field, slots.Windows)
                    : new FieldValue(field, slots.Windows, errors: [.. slots.Bad.Select(part => new FieldError("availability", $"\"{part}\" is not a time slot: write day and hours like \"tue 15:30-16:30\""))]);
            case ProfileField.Capacity:
                return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var capacity) && capacity is >= 0 and <= 4
                    ? new FieldValue(field, number: capacity)
                    : Error(field, "capacity", $"\"{value}\" is not a capacity: a mentor takes 1 to 4 mentees, e.g. capacity:2");
            case ProfileField.Cohort:
                return new FieldValue(field, value.Length == 0 ? null : Limit(value.ToLowerInvariant(), 60));
            default:
                throw new ArgumentOutOfRangeException(nameof(field), field, "not a profile field");
        }
    }

    /// <summary>The field a canonical name (a value of <see cref="FieldNames"/>) stands for.</summary>
    public static ProfileField FieldOf(string canonical) => canonical switch
    {
        "name" => ProfileField.Name,
        "role" => ProfileField.Role,
        "subjects" => ProfileField.Subjects,
        "grades" => ProfileField.Grades,
        "years" => ProfileField.Years,
        "school" => ProfileField.School,
        "focus" => ProfileField.Focus,
        "timezone" => ProfileField.TimeZone,
        "availability" => ProfileField.Availability,
        "capacity" => ProfileField.Capacity,
        "cohort" => ProfileField.Cohort,
        _ => throw new ArgumentOutOfRangeException(nameof(canonical), canonical, "not a canonical field name"),
    };

    private static FieldValue Error(ProfileField field, string name, string message) => new(field, errors: new[] { new FieldError(name, message) });

    /// <summary>A profile being built: the fields land in locals and the profile is made once at the end (a state roster builds 100k+).</summary>
    private struct Draft(string displayName, TeacherProfile? existing)
    {
        // Most people give good fields: the error list is made at the first error.
        private List<FieldError>? _errors;
        private string _name = existing is null ? displayName : existing.Name;
        private MentoringRole _role = (existing ?? Blank).Role;
        private IReadOnlyList<string> _subjects = (existing ?? Blank).Subjects;
        private IReadOnlyList<string> _grades = (existing ?? Blank).Grades;
        private int _years = (existing ?? Blank).Years;
        private string? _school = (existing ?? Blank).School;
        private IReadOnlyList<string> _focus = (existing ?? Blank).Focus;
        private string? _timeZone = (existing ?? Blank).TimeZone;
        private IReadOnlyList<AvailabilityWindow> _availability = (existing ?? Blank).Availability;
        private int _capacity = (existing ?? Blank).Capacity;
        private string? _cohort = (existing ?? Blank).Cohort;
        private bool _roleGiven;
        private bool _capacityGiven;

        public void Add(FieldError error) => (_errors ??= []).Add(error);

        public void Apply(in FieldValue value)
        {
            if (value.Errors is { } errors)
            {
                (_errors ??= []).AddRange(errors);
            }

            var good = value.Errors is null;
            switch (value.Field)
            {
                case ProfileField.Name:
                    _name = value.Text ?? displayName;
                    break;
                case ProfileField.Role:
                    _roleGiven = true;
                    if (good)
                    {
                        _role = (MentoringRole)value.Number;
                    }

                    break;
                case ProfileField.Subjects:
                    _subjects = value.List!;
                    break;
                case ProfileField.Grades:
                    if (good)
                    {
                        _grades = value.List!;
                    }

                    break;
                case ProfileField.Years:
                    if (good)
                    {
                        _years = value.Number;
                    }

                    break;
                case ProfileField.School:
                    _school = value.Text;
                    break;
                case ProfileField.Focus:
                    _focus = value.List!;
                    break;
                case ProfileField.TimeZone:
                    if (good)
                    {
                        _timeZone = value.Text;
                    }

                    break;
                case ProfileField.Availability:
                    _availability = value.Windows!;
                    break;
                case ProfileField.Capacity:
                    _capacityGiven = true;
                    if (good)
                    {
                        _capacity = value.Number;
                    }

                    break;
                case ProfileField.Cohort:
                    _cohort = value.Text;
                    break;
            }
        }

        public readonly (TeacherProfile? Profile, IReadOnlyList<FieldError> Errors) Finish(string id, TeacherProfile? existing)
        {
            var errors = _errors;
            if (existing is null && !_roleGiven && errors is null)
            {
                (errors ??= []).Add(new FieldError("role", $"tell me your role: {RoleHelp}, e.g. role:mentee"));
            }

            var capacity = _capacity;
            if (errors is null)
            {
                // Mentors always take at least one mentee; non-mentors take none.
                var mentors = _role is MentoringRole.Mentor or MentoringRole.Both;
                if (mentors && capacity == 0)
                {
                    if (_capacityGiven)
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
                Name = _name,
                Role = _role,
                Subjects = _subjects,
                Grades = _grades,
                Years = _years,
                School = _school,
                Focus = _focus,
                TimeZone = _timeZone,
                Availability = _availability,
                Capacity = capacity,
                Cohort = _cohort,
            } : existing with
            {
                Name = _name,
                Role = _role,
                Subjects = _subjects,
                Grades = _grades,
                Years = _years,
                School = _school,
                Focus = _focus,
                TimeZone = _timeZone,
                Availability = _availability,
                Capacity = capacity,
                Cohort = _cohort,
            }, []);
        }
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
