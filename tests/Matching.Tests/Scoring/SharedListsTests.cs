using PeerBot.Matching.Profiles;
using PeerBot.Matching.Rounds;
using PeerBot.Matching.Scoring;
using PeerBot.Matching.Tests.Support;

namespace PeerBot.Matching.Tests.Scoring;

/// <summary>
/// A roster's reader hands every profile with the same text the same parsed list, and the pool compiles each distinct
/// list once. A teacher's compiled features must still be their own: the same as when every list is a fresh copy,
/// whoever else shares the list and whatever their time zone.
/// </summary>
public sealed class SharedListsTests
{
    [Theory]
    [InlineData("state", 1)]
    [InlineData("dense-availability", 2)]
    [InlineData("identical-profiles", 3)]
    public void Features_AreTheSame_WhetherProfilesShareTheirListsOrEachHasItsOwnCopy(string shape, int seed)
    {
        var generated = PopulationShape.Named(shape).Generate(500, seed).ToList();
        // The same availability in many time zones: the compiled UTC week differs by zone even for one shared list.
        string[] zones = ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "Pacific/Honolulu", "Europe/London", "Not/AZone"];
        AvailabilityWindow[] week =
        [
            new(DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(11, 0)),
            new(DayOfWeek.Wednesday, new TimeOnly(22, 30), new TimeOnly(23, 45)),
            new(DayOfWeek.Sunday, new TimeOnly(20, 0), new TimeOnly(23, 59)),
        ];
        for (var i = 0; i < 60; i++)
        {
            generated[i] = generated[i] with { TimeZone = zones[i % zones.Length], Availability = week };
        }

        var subjects = new Dictionary<string, IReadOnlyList<string>>();
        var grades = new Dictionary<string, IReadOnlyList<string>>();
        var focus = new Dictionary<string, IReadOnlyList<string>>();
        var windows = new Dictionary<string, IReadOnlyList<AvailabilityWindow>>();
        var shared = generated.Select(p => p with
        {
            Subjects = Canonical(subjects, p.Subjects),
            Grades = Canonical(grades, p.Grades),
            Focus = Canonical(focus, p.Focus),
            Availability = Canonical(windows, p.Availability),
        }).ToList();
        var copied = generated.Select(p => p with
        {
            Subjects = [.. p.Subjects],
            Grades = [.. p.Grades],
            Focus = [.. p.Focus],
            Availability = [.. p.Availability],
        }).ToList();
        Assert.True(windows.Count < shared.Count, "nobody shares an availability list");

        var a = new RoundPool(shared, new RoundOptions { Today = Teachers.Today }).Features;
        var b = new RoundPool(copied, new RoundOptions { Today = Teachers.Today }).Features;
        for (var i = 0; i < generated.Count; i++)
        {
            Assert.Equal(b.SubjectIds[i], a.SubjectIds[i]);
            Assert.Equal(b.GradeIds[i], a.GradeIds[i]);
            Assert.Equal(b.FocusIds[i], a.FocusIds[i]);
            Assert.Equal(b.OffsetMinutes[i], a.OffsetMinutes[i]);
            Assert.Equal(b.Utc[i], a.Utc[i]);
            Assert.Equal(b.SlotsOf(i).ToArray(), a.SlotsOf(i).ToArray());
            Assert.Equal(b.Rows[i], a.Rows[i]);
        }

        // The people sharing one list across zones really are free at different UTC times.
        Assert.NotEqual(a.Utc[1], a.Utc[2]);
    }

    private static IReadOnlyList<T> Canonical<T>(Dictionary<string, IReadOnlyList<T>> seen, IReadOnlyList<T> list)
    {
        var key = string.Join("|", list);
        if (!seen.TryGetValue(key, out var canonical))
        {
            seen[key] = canonical = list;
        }

        return canonical;
    }
}
