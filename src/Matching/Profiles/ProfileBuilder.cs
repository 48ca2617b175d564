using System.Globalization;
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

    public const string RoleHelp = "role is one of mentee, mentor, both, peer";

    /// <summary>
    /// Applies <paramref name="fields"/> on top of <paramref name="existing"/> (or a new profile).
    /// A field given empty clears it. Role is required for a new profile.
    /// </summary>
    public static (TeacherProfile? Profile, IReadOnlyList<FieldError> Errors) Build(
        string id, string displayName, IReadOnlyDictionary<string, string> fields, TeacherProfile? existing = null)
    {
        var errors = new List<FieldError>();
        var p = existing ?? new TeacherProfile { Id = id, Name = displayName };
        var roleGiven = false;
        var capacityGiven = false;

        foreach (var (rawKey, rawValue) in fields)
        {
            if (!FieldNames.TryGetValue(rawKey, out var key))
            {
                errors.Add(new FieldError(rawKey, $"unknown field \"{rawKey}\": use role, subjects, grades, years, school, focus, tz, avail, capacity or cohort"));
                continue;
            }

            var value = rawValue.Trim();
            switch (key)
            {
                case "name":
                    p = p with { Name = value.Length == 0 ? displayName : Limit(value, 80) };
                    break;
                case "role":
                    roleGiven = true;
                    if (TryParseRole(value, out var role))
                    {
                        p = p with { Role = role };
                    }
                    else
                    {
                        errors.Add(new FieldError("role", $"\"{value}\" is not a role: {RoleHelp}"));
                    }

                    break;
                case "subjects":
                    p = p with { Subjects = Tokens(value) };
                    break;
                case "grades":
                    var grades = Tokens(value);
                    var bad = grades.FirstOrDefault(g => !GradeBand.TryNormalise(g, out _));
                    if (bad is null)
                    {
                        p = p with { Grades = [.. grades.Select(g => GradeBand.TryNormalise(g, out var band) ? band : g).Distinct()] };
                    }
                    else
                    {
                        errors.Add(new FieldError("grades", $"\"{bad}\" is not a grade band: {GradeBand.Help}"));
                    }

                    break;
                case "years":
                    if (value.Length == 0)
                    {
                        p = p with { Years = 0 };
                    }
                    else if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var years) && years <= 60)
                    {
                        p = p with { Years = years };
                    }
                    else
                    {
                        errors.Add(new FieldError("years", $"\"{value}\" is not a number of years: write a whole number from 0 to 60, e.g. years:2"));
                    }

                    break;
                case "school":
                    p = p with { School = value.Length == 0 ? null : Limit(value, 120) };
                    break;
                case "focus":
                    p = p with { Focus = Tokens(value).Select(f => WhiteSpace().Replace(f, "-")).ToArray() };
                    break;
                case "timezone":
                    if (value.Length == 0)
                    {
                        p = p with { TimeZone = null };
                    }
                    else if (TimeZoneInfo.TryFindSystemTimeZoneById(value, out _) && (value.Contains('/', StringComparison.Ordinal) || value == "UTC"))
                    {
                        p = p with { TimeZone = value };
                    }
                    else
                    {
                        errors.Add(new FieldError("timezone", $"\"{value}\" is not a time zone: use an IANA name such as America/Chicago"));
                    }

                    break;
                case "availability":
                    var windows = new List<AvailabilityWindow>();
                    foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (AvailabilityWindow.TryParse(part, out var w))
                        {
                            windows.Add(w!);
                        }
                        else
                        {
                            errors.Add(new FieldError("availability", $"\"{part}\" is not a time slot: write day and hours like \"tue 15:30-16:30\""));
                        }
                    }

                    p = p with { Availability = windows };
                    break;
                case "capacity":
                    capacityGiven = true;
                    if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var cap) && cap is >= 0 and <= 4)
                    {
                        p = p with { Capacity = cap };
                    }
                    else
                    {
                        errors.Add(new FieldError("capacity", $"\"{value}\" is not a capacity: a mentor takes 1 to 4 mentees, e.g. capacity:2"));
                    }

                    break;
                case "cohort":
                    p = p with { Cohort = value.Length == 0 ? null : Limit(value.ToLowerInvariant(), 60) };
                    break;
            }
        }

        if (existing is null && !roleGiven && errors.Count == 0)
        {
            errors.Add(new FieldError("role", $"tell me your role: {RoleHelp}, e.g. role:mentee"));
        }

        if (errors.Count == 0)
        {
            // Mentors always take at least one mentee; non-mentors take none.
            if (p.Mentors && p.Capacity == 0)
            {
                if (capacityGiven)
                {
                    errors.Add(new FieldError("capacity", "a mentor takes 1 to 4 mentees, e.g. capacity:2"));
                }
                else
                {
                    p = p with { Capacity = 1 };
                }
            }
            else if (!p.Mentors)
            {
                p = p with { Capacity = 0 };
            }
        }

        return errors.Count == 0 ? (p, errors) : (null, errors);
    }

    public static bool TryParseRole(string value, out MentoringRole role) =>
        Enum.TryParse(value.Trim(), ignoreCase: true, out role) && Enum.IsDefined(role) && !int.TryParse(value, out _);

    private static string[] Tokens(string value) =>
        value.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => Limit(t.ToLowerInvariant(), 60))
            .Distinct()
            .Take(20)
            .ToArray();

    private static string Limit(string value, int max) => value.Length <= max ? value : value[..max];

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
