using PeerBot.Matching.Profiles;

namespace PeerBot.Matching.Tests.Profiles;

public sealed class ProfileBuilderTests
{
    private static Dictionary<string, string> Fields(params (string Key, string Value)[] fields) =>
        fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.OrdinalIgnoreCase);

    [Fact]
    public void TwoPeopleWritingTheSameLists_GetTheSameParsedValues_AsEachWroteThem()
    {
        // Written differently but meaning the same: each parse depends on the text alone.
        var first = ProfileBuilder.Build("U1", "Ana", Fields(
            ("role", "mentee"), ("subjects", "Math, Science"), ("grades", "Pre-K,K-2"), ("focus", "classroom management,ELL"),
            ("availability", "tue 15:30-16:30, Thursday 7:00 - 7:45")));
        var second = ProfileBuilder.Build("U2", "Ben", Fields(
            ("role", "mentor"), ("subjects", "Math, Science"), ("grades", "Pre-K,K-2"), ("focus", "classroom management,ELL"),
            ("availability", "tue 15:30-16:30, Thursday 7:00 - 7:45")));
        var third = ProfileBuilder.Build("U3", "Cy", Fields(
            ("role", "peer"), ("subjects", "math;science"), ("grades", "pk, k-2"), ("focus", "Classroom Management, ell"),
            ("availability", "tue 15:30-16:30,thu 07:00-07:45")));

        foreach (var (profile, errors) in new[] { first, second, third })
        {
            Assert.Empty(errors);
            Assert.Equal(["math", "science"], profile!.Subjects);
            Assert.Equal(["pk", "k-2"], profile.Grades);
            Assert.Equal(["classroom-management", "ell"], profile.Focus);
            Assert.Equal(["tue 15:30-16:30", "thu 07:00-07:45"], profile.Availability.Select(a => a.ToString()));
        }

        Assert.Equal(["U1", "U2", "U3"], new[] { first, second, third }.Select(b => b.Profile!.Id));
        Assert.Equal([MentoringRole.Mentee, MentoringRole.Mentor, MentoringRole.Peer], new[] { first, second, third }.Select(b => b.Profile!.Role));
    }

    [Fact]
    public void ABadValueWrittenAgain_IsRejectedAgain_WithTheSameWording()
    {
        var fields = Fields(("role", "peer"), ("grades", "6-8,sixth"), ("availability", "tue 15:30-16:30,someday,wed 25:00-26:00"));

        var once = ProfileBuilder.Build("U1", "Ana", fields);
        var again = ProfileBuilder.Build("U2", "Ben", fields);

        string[] expected =
        [
            "grades: \"sixth\" is not a grade band: write grades like pk, k, k-2, 3-5, 6-8, 9-12 or 7",
            "availability: \"someday\" is not a time slot: write day and hours like \"tue 15:30-16:30\"",
            "availability: \"wed 25:00-26:00\" is not a time slot: write day and hours like \"tue 15:30-16:30\"",
        ];
        Assert.Null(once.Profile);
        Assert.Null(again.Profile);
        Assert.Equal(expected, once.Errors.Select(e => $"{e.Field}: {e.Message}"));
        Assert.Equal(expected, again.Errors.Select(e => $"{e.Field}: {e.Message}"));
    }

    [Fact]
    public void FieldsGivenInOrder_AreBuiltAsTheSameFieldsInADictionary()
    {
        var dictionary = Fields(("Role", "mentor"), ("subject", "ELA"), ("capacity", "9"), ("tz", "Mars/Olympus"), ("shoe", "9"), ("years", "3"));
        KeyValuePair<string, string>[] inOrder = [.. dictionary];

        var fromDictionary = ProfileBuilder.Build("U1", "Ana", dictionary);
        var fromList = ProfileBuilder.Build("U1", "Ana", inOrder);

        Assert.Null(fromList.Profile);
        Assert.Equal(["capacity", "timezone", "shoe"], fromList.Errors.Select(e => e.Field));
        Assert.Equal(fromDictionary.Errors, fromList.Errors);

        KeyValuePair<string, string>[] good = [new("role", "mentor"), new("subjects", "ELA"), new("years", "3"), new("name", "Ana Ruiz")];
        var built = ProfileBuilder.Build("U1", "Ana", good).Profile!;
        Assert.Equal(("U1", "Ana Ruiz", MentoringRole.Mentor, 1, 3), (built.Id, built.Name, built.Role, built.Capacity, built.Years));
        Assert.Equal(["ela"], built.Subjects);
    }

    [Fact]
    public void AnExistingProfile_KeepsWhatTheFieldsLeaveOut_AndTakesWhatTheyGive()
    {
        var existing = ProfileBuilder.Build("U1", "Ana", Fields(("role", "mentor"), ("subjects", "math"), ("school", "Lincoln MS"), ("capacity", "2"))).Profile!;

        var (updated, errors) = ProfileBuilder.Build("U1", "Ana", Fields(("subjects", "math, science")), existing);

        Assert.Empty(errors);
        Assert.Equal(["math", "science"], updated!.Subjects);
        Assert.Equal(["math"], existing.Subjects);
        Assert.Equal(("Lincoln MS", 2, MentoringRole.Mentor), (updated.School, updated.Capacity, updated.Role));
    }

    [Fact]
    public void AvailabilityGivenItemByItem_JoinsToWhatTheWholeListParsesTo_OrRefusesWhenAnItemIsNotASlot()
    {
        // Items as a roster's list may hold them: one slot, two slots in one item, blanks, padding (NBSP too), repeats.
        string[] good = ["tue 15:30-16:30", "Thursday 7:00 - 7:45", "mon 9:00-10:00, wed 12:00-12:30", "", "  ", " fri 15:00-16:00 ",
            "\u00a0sat 10:00-11:00\u00a0", ",", "sun 8:00-9:00,", "tue 15:30-16:30"];
        string[] bad = ["someday", "wed 25:00-26:00", "mon 9:00-10:00, nope", "5"];
        var random = new Random(14);
        for (var round = 0; round < 2000; round++)
        {
            var withBad = round % 3 == 0;
            var items = Enumerable.Range(0, random.Next(0, 9))
                .Select(_ => withBad && random.Next(3) == 0 ? bad[random.Next(bad.Length)] : good[random.Next(good.Length)])
                .ToArray();
            var each = items.Select(item => ProfileBuilder.Parse(ProfileField.Availability, item)).ToArray();
            var whole = ProfileBuilder.Parse(ProfileField.Availability, string.Join(',', items));

            if (ProfileBuilder.TryJoinAvailability(each, out var joined))
            {
                Assert.Null(whole.Errors);
                Assert.Null(joined.Errors);
                Assert.Equal(whole.Windows, joined.Windows);
                KeyValuePair<string, string>[] text = [new("role", "peer"), new("availability", string.Join(',', items))];
                FieldValue[] parsed = [ProfileBuilder.Parse(ProfileField.Role, "peer"), joined];
                Assert.Equal(Describe(ProfileBuilder.Build("U1", "Ana", text)), Describe(ProfileBuilder.Build("U1", "Ana", parsed)));
            }
            else
            {
                // Refused only for an item that is not a slot: the whole list then has errors and is parsed as it is.
                Assert.NotNull(whole.Errors);
                Assert.Contains(each, item => item.Errors is not null);
            }
        }

        Assert.False(ProfileBuilder.TryJoinAvailability([ProfileBuilder.Parse(ProfileField.Focus, "sel")], out _));
    }

    [Fact]
    public void FieldsParsedOnce_AndAppliedToSeveralPeople_BuildWhatEachPersonsOwnTextBuilds()
    {
        // Each field's good, bad, empty and padded values (aliases too): parsing a value once and applying it must give
        // every person exactly what building from their own text gives, errors worded and ordered the same.
        (string Key, string[] Values)[] cases =
        [
            ("name", ["Ana Ruiz", "", "  ", new string('n', 90)]),
            ("role", ["mentor", " Mentee ", "teacher", "1", ""]),
            ("subjects", ["Math, science", "math;math", "", " , "]),
            ("subject", ["ELA"]),
            ("grades", ["Pre-K,k-2", "sixth", "", "9–12"]),
            ("grade", ["K"]),
            ("years", ["3", "61", "", "-1", "2.5"]),
            ("school", ["Lincoln MS", "", new string('s', 130)]),
            ("focus", ["classroom management,ELL", ""]),
            ("tz", ["America/Chicago", "Mars/Olympus", "", "UTC"]),
            ("availability", ["tue 15:30-16:30,Thursday 7:00 - 7:45", "someday,wed 25:00-26:00", ""]),
            ("avail", ["mon 9:00-10:00"]),
            ("capacity", ["2", "0", "5", "", "x"]),
            ("cohort", ["New Teachers", ""]),
        ];
        foreach (var role in new[] { "mentor", "mentee" })
        {
            foreach (var (key, values) in cases)
            {
                foreach (var value in values)
                {
                    KeyValuePair<string, string>[] text = [new("role", role), new(key, value), new("years", "2")];
                    var parsed = text.Select(f => ProfileBuilder.Parse(ProfileBuilder.FieldOf(ProfileBuilder.FieldNames[f.Key]), f.Value)).ToArray();

                    var fromText = ProfileBuilder.Build("U1", "Ana", text);
                    var once = ProfileBuilder.Build("U1", "Ana", parsed);
                    var again = ProfileBuilder.Build("U2", "Ben", parsed);
                    var otherFromText = ProfileBuilder.Build("U2", "Ben", text);

                    Assert.Equal(Describe(fromText), Describe(once));
                    Assert.Equal(Describe(otherFromText), Describe(again));
                }
            }
        }
    }

    private static string Describe((TeacherProfile? Profile, IReadOnlyList<FieldError> Errors) built) =>
        built.Profile is not { } p
            ? string.Join("; ", built.Errors.Select(e => $"{e.Field}: {e.Message}"))
            : string.Join(" | ", p.Id, p.Name, p.Role, string.Join(",", p.Subjects), string.Join(",", p.Grades), p.Years, p.School,
                string.Join(",", p.Focus), p.TimeZone, string.Join(",", p.Availability), p.Capacity, p.Cohort, built.Errors.Count);
}
