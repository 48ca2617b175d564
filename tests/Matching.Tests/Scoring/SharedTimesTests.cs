using PeerBot.Matching.Scoring;
using PeerBot.Matching.Tests.Support;

namespace PeerBot.Matching.Tests.Scoring;

public sealed class SharedTimesTests
{
    [Fact]
    public void APairInOneZone_HearsTheOverlapOfTheirWindows_OnAPlainClock()
    {
        var ana = Teachers.Make("ana", availability: "tue 15:30-16:30,thu 07:00-07:45");
        var ben = Teachers.Make("ben", availability: "tue 15:00-16:15,thu 07:30-08:00");

        Assert.Equal(["You're both free Tue 3:30–4:15 pm, Thu 7:30–7:45 am"], SharedTimes.Describe([ana, ben], Teachers.Today, "America/Chicago"));
    }

    [Fact]
    public void APodAcrossZones_ReadsTheSameSlotInEachMembersZone()
    {
        var ana = Teachers.Make("ana", timeZone: "America/Chicago", availability: "tue 15:30-16:30");
        var ben = Teachers.Make("ben", timeZone: "America/New_York", availability: "tue 16:00-17:15");
        var cleo = Teachers.Make("cleo", timeZone: "America/Chicago", availability: "tue 15:00-17:00");

        Assert.Equal(
            ["You're all free Tue 3:30–4:15 pm (America/Chicago)", "You're all free Tue 4:30–5:15 pm (America/New_York)"],
            SharedTimes.Describe([ana, ben, cleo], Teachers.Today, "America/Chicago"));
    }

    [Fact]
    public void ASlotAcrossNoon_NamesBothHalvesOfTheDay_AndTooShortOrMissingOverlapsAreNotOffered()
    {
        var ana = Teachers.Make("ana", availability: "mon 11:30-12:30,wed 15:00-15:10");
        var ben = Teachers.Make("ben", availability: "mon 11:00-13:00,wed 15:00-16:00");

        Assert.Equal(["You're both free Mon 11:30 am–12:30 pm"], SharedTimes.Describe([ana, ben], Teachers.Today, "America/Chicago"));
        Assert.Empty(SharedTimes.Describe([ana, Teachers.Make("cleo", availability: "fri 08:00-09:00")], Teachers.Today, "America/Chicago"));
        Assert.Empty(SharedTimes.Describe([ana, Teachers.Make("dev")], Teachers.Today, "America/Chicago"));
    }
}
