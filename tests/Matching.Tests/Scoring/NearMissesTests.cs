using PeerBot.Matching.Scoring;
using PeerBot.Matching.Tests.Support;

namespace PeerBot.Matching.Tests.Scoring;

public sealed class NearMissesTests
{
    [Fact]
    public void APairWithNoSharedTime_HearsTheClosestMeeting_AndWhoIsFreeWhen()
    {
        var ana = Teachers.Make("ana", name: "Ana", availability: "tue 15:00-15:30");
        var ben = Teachers.Make("ben", name: "Ben", availability: "tue 15:30-16:30");

        Assert.Empty(SharedTimes.Describe([ana, ben], Teachers.Today, "America/Chicago"));
        var line = Assert.Single(NearMisses.DescribeByZone([ana, ben], Teachers.Today, "America/Chicago"));
        Assert.Equal("No time you're both free — closest: Tue 3:10 pm (Ben is free from 3:30 pm)", line.InGroup);
        Assert.Equal(line.InGroup, line.Own);
    }

    [Fact]
    public void APodAcrossZones_ReadsTheNearMissOnEachClock_WithTheTwoClosestFromDifferentPartsOfTheWeek_ClosestFirst()
    {
        var ana = Teachers.Make("ana", name: "Ana", timeZone: "America/Chicago", availability: "tue 15:00-16:00,thu 07:00-07:30");
        var ben = Teachers.Make("ben", name: "Ben", timeZone: "America/New_York", availability: "tue 17:10-18:00,thu 08:20-09:00");

        var lines = NearMisses.DescribeByZone([ana, ben], Teachers.Today, "America/Chicago");

        Assert.Equal(
            [
                "No time you're both free — closest: Thu 7:10 am (Ben is free from 7:20 am), Tue 3:40 pm (Ben is free from 4:10 pm) (America/Chicago)",
                "No time you're both free — closest: Thu 8:10 am (Ben is free from 8:20 am), Tue 4:40 pm (Ben is free from 5:10 pm) (America/New_York)",
            ],
            lines.Select(l => l.InGroup));
        Assert.Equal("No time you're both free — closest: Thu 8:10 am (Ben is free from 8:20 am), Tue 4:40 pm (Ben is free from 5:10 pm)", lines[1].Own);
    }

    [Fact]
    public void NoNearMiss_WhenTheyShareATime_OrTheClosestIsHoursAway_OrSomeoneGaveNoTimes()
    {
        var ana = Teachers.Make("ana", availability: "tue 15:00-16:00");

        Assert.Empty(NearMisses.Find([ana, Teachers.Make("ben", availability: "tue 15:30-16:30")], Teachers.Today, "America/Chicago"));
        Assert.Empty(NearMisses.Find([ana, Teachers.Make("cleo", availability: "tue 18:00-19:00")], Teachers.Today, "America/Chicago"));
        Assert.Empty(NearMisses.Find([ana, Teachers.Make("dev")], Teachers.Today, "America/Chicago"));
    }
}
