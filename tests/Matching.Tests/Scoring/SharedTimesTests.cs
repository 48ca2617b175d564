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

    [Fact]
    public void NextOccurrence_KeepsTheWallClock_LaterThisWeekOrNextWeek_AcrossADaylightSavingChange()
    {
        var chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        // The slot was Tuesday 3 March 2026, 3 pm CST (21:00 UTC); US clocks go forward on Sunday 8 March.
        var slot = new DateTimeOffset(2026, 3, 3, 21, 0, 0, TimeSpan.Zero);

        // On Monday 9 March it is the next day, 3 pm CDT: 20:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 20, 0, 0, TimeSpan.Zero), SharedTimes.NextOccurrence(slot, chicago, new(2026, 3, 9, 15, 0, 0, TimeSpan.Zero)));
        // On Tuesday 10 March before 3 pm: that afternoon; a minute after it started: a week later.
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 20, 0, 0, TimeSpan.Zero), SharedTimes.NextOccurrence(slot, chicago, new(2026, 3, 10, 19, 59, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 3, 17, 20, 0, 0, TimeSpan.Zero), SharedTimes.NextOccurrence(slot, chicago, new(2026, 3, 10, 20, 1, 0, TimeSpan.Zero)));
        // Read on a London clock it is 9 pm, whose next occurrence is 9 pm GMT (the UK changes on 29 March).
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 21, 0, 0, TimeSpan.Zero), SharedTimes.NextOccurrence(slot, london, new(2026, 3, 9, 12, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Say_NamesTheDayAndTheDate_OnTheReadersClock()
    {
        var start = new DateTimeOffset(2026, 3, 10, 20, 0, 0, TimeSpan.Zero);
        Assert.Equal("Tue 10 Mar, 3:00–3:20 pm", SharedTimes.SayDated(start, start.AddMinutes(20), TimeZoneInfo.FindSystemTimeZoneById("America/Chicago")));
        Assert.Equal("Tue 10 Mar, 8:00–8:20 pm", SharedTimes.SayDated(start, start.AddMinutes(20), TimeZoneInfo.FindSystemTimeZoneById("Europe/London")));
        Assert.Equal("Wed 11 Mar, 7:00–7:20 am", SharedTimes.SayDated(start, start.AddMinutes(20), TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney")));
    }
}
