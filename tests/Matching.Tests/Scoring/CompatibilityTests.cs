using PeerBot.Matching.Profiles;
using PeerBot.Matching.Scoring;
using PeerBot.Matching.Tests.Support;

namespace PeerBot.Matching.Tests.Scoring;

public sealed class CompatibilityTests
{
    private static double Mentoring(TeacherProfile mentee, TeacherProfile mentor, CompatibilityWeights? weights = null) =>
        Compatibility.Score(mentee, mentor, PairingKind.Mentoring, Teachers.Today, weights);

    private static double Peers(TeacherProfile a, TeacherProfile b, CompatibilityWeights? weights = null) =>
        Compatibility.Score(a, b, PairingKind.Peer, Teachers.Today, weights);

    [Fact]
    public void Score_IsOneHundred_ForPeersWhoShareEverything()
    {
        var a = Teachers.Make("a", focus: "sel", availability: "tue 15:30-16:30", school: "Lincoln MS");
        var b = Teachers.Make("b", focus: "sel", availability: "tue 15:30-16:30", school: "Washington MS");
        Assert.Equal(100, Peers(a, b));
    }

    [Fact]
    public void Score_PrefersAUsefulExperienceGap_OverTwoFirstYearsOrThirtyYearsApart()
    {
        var mentee = Teachers.Make("mentee", years: 1);
        var firstYear = Mentoring(mentee, Teachers.Make("m1", years: 1));
        var useful = Mentoring(mentee, Teachers.Make("m2", years: 8));
        var distant = Mentoring(mentee, Teachers.Make("m3", years: 31));
        var behind = Mentoring(mentee, Teachers.Make("m4", years: 0));
        Assert.Equal(15, useful - firstYear);
        Assert.Equal(firstYear, distant);
        Assert.Equal(firstYear, behind);
    }

    [Fact]
    public void Score_CountsAvailabilityOverlapAcrossTimeZones()
    {
        // 15:30 in Chicago is 16:30 in New York: the same hour, although the windows read differently.
        var chicago = Teachers.Make("a", availability: "tue 15:30-16:30");
        var sameHour = Teachers.Make("b", timeZone: "America/New_York", availability: "tue 16:30-17:30");
        var sameClock = Teachers.Make("c", timeZone: "America/New_York", availability: "tue 15:30-16:30");
        Assert.Equal(10, Peers(chicago, sameHour) - Peers(chicago, sameClock));
    }

    [Fact]
    public void Score_GivesHalfTheSchedulePointsAtMost_WhenAvailabilityIsUnknown()
    {
        var known = Teachers.Make("a", availability: "tue 15:30-16:30");
        var unknown = Teachers.Make("b");
        var farAway = Teachers.Make("c", timeZone: "Pacific/Honolulu");
        Assert.Equal(5, Peers(known, unknown) - Peers(known, farAway));
    }

    [Theory]
    [InlineData(SchoolPreference.OtherSchool, 5)]
    [InlineData(SchoolPreference.SameSchool, -5)]
    [InlineData(SchoolPreference.NoPreference, 0)]
    public void Score_FollowsTheWorkspacesSchoolPreference(SchoolPreference preference, double otherMinusSame)
    {
        var weights = new CompatibilityWeights { SchoolPreference = preference };
        var me = Teachers.Make("me", school: "Lincoln MS");
        var other = Peers(me, Teachers.Make("x", school: "Washington MS"), weights);
        var same = Peers(me, Teachers.Make("y", school: "lincoln ms"), weights);
        Assert.Equal(otherMinusSame, other - same);
    }

    [Fact]
    public void Score_CountsSharedSubjectsAsAShareOfTheShorterList()
    {
        var me = Teachers.Make("me", subjects: "math,science");
        Assert.Equal(15, Peers(me, Teachers.Make("a", subjects: "math,science")) - Peers(me, Teachers.Make("b", subjects: "math,art")));
        Assert.Equal(Peers(me, Teachers.Make("c", subjects: "math,science")), Peers(me, Teachers.Make("d", subjects: "science")));
    }

    [Fact]
    public void Score_UsesTheWorkspacesWeights()
    {
        var weights = new CompatibilityWeights { Subject = 0, School = 0 };
        var a = Teachers.Make("a", subjects: "math");
        var b = Teachers.Make("b", subjects: "art");
        var c = Teachers.Make("c", subjects: "math");
        Assert.Equal(Peers(a, b, weights), Peers(a, c, weights));
        Assert.NotEqual(Peers(a, b), Peers(a, c));
    }

    [Fact]
    public void Score_IsSymmetricForPeers()
    {
        var people = Population.Peers(60, seed: 3);
        for (var i = 0; i < people.Count; i++)
        {
            for (var j = i + 1; j < people.Count; j += 7)
            {
                Assert.Equal(Peers(people[i], people[j]), Peers(people[j], people[i]));
            }
        }
    }

    [Fact]
    public void Weights_ThatMakeNoSense_AreRejectedNamingTheSetting()
    {
        var error = Assert.Throws<ArgumentException>(() => new CompatibilityWeights { IdealGapMaxYears = 1 }.Validate());
        Assert.Contains("IdealGapMaxYears", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new CompatibilityWeights { Focus = -1 }.Validate());
    }
}
