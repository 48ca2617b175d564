using PeerBot.Scheduler.Schedules;

namespace PeerBot.Bot.Tests.Scheduler;

public sealed class CalendarTests
{
    private static readonly TimeZoneInfo Chicago = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
    private static readonly TimeZoneInfo Tokyo = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    [Fact]
    public void PairingRound_EveryOtherMonday_KeepsEightOClockLocalAcrossTheSpringDstChange()
    {
        // US clocks jump on Sunday 8 March 2026; the anchor week is the week of 2 March.
        var anchor = new DateOnly(2026, 3, 2);
        var first = RoundCalendar.Next("0 8 * * 1", 2, anchor, Chicago, [], new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero))!.Value;
        Assert.Equal(new DateTimeOffset(2026, 3, 16, 8, 0, 0, TimeSpan.FromHours(-5)), first);
        var before = RoundCalendar.Next("0 8 * * 1", 2, anchor, Chicago, [], new DateTimeOffset(2026, 2, 20, 0, 0, 0, TimeSpan.Zero))!.Value;
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.FromHours(-6)), before);
    }

    [Fact]
    public void CheckIn_ThursdayAfternoon_FollowsBerlinsAutumnChange_AndTokyoHasNone()
    {
        // Berlin leaves summer time on Sunday 25 October 2026.
        var octoberFirst = RoundCalendar.Next("30 15 * * 4", 1, new DateOnly(2026, 1, 5), Berlin, [], new DateTimeOffset(2026, 10, 23, 0, 0, 0, TimeSpan.Zero))!.Value;
        Assert.Equal(new DateTimeOffset(2026, 10, 29, 15, 30, 0, TimeSpan.FromHours(1)), octoberFirst);
        var tokyo = RoundCalendar.Next("30 15 * * 4", 1, new DateOnly(2026, 1, 5), Tokyo, [], new DateTimeOffset(2026, 10, 23, 0, 0, 0, TimeSpan.Zero))!.Value;
        Assert.Equal(new DateTimeOffset(2026, 10, 29, 15, 30, 0, TimeSpan.FromHours(9)), tokyo);
    }

    [Fact]
    public void PairingRound_InsideASchoolBreak_MovesToTheFirstRoundWeekAfterIt()
    {
        var winter = new SchoolBreak(new DateOnly(2026, 12, 21), new DateOnly(2027, 1, 1));
        var next = RoundCalendar.Next("0 8 * * 1", 1, new DateOnly(2026, 1, 5), Chicago, [winter], new DateTimeOffset(2026, 12, 19, 0, 0, 0, TimeSpan.Zero))!.Value;
        Assert.Equal(new DateTimeOffset(2027, 1, 4, 8, 0, 0, TimeSpan.FromHours(-6)), next);
    }

    [Theory]
    [InlineData("every other monday 8:00", "0 8 * * 1", 2)]
    [InlineData("thursday at 3:30pm", "30 15 * * 4", 1)]
    [InlineData("every 3 weeks on wednesday 7:15", "15 7 * * 3", 3)]
    [InlineData("0 8 * * 1", "0 8 * * 1", 1)]
    public void ScheduleText_ReadsPlainWordsAndCron(string text, string cron, int every)
    {
        Assert.True(ScheduleText.TryParse(text, out var parsed, out var error), error);
        Assert.Equal(new ScheduleText.Parsed(cron, every), parsed);
    }

    [Theory]
    [InlineData("whenever")]
    [InlineData("monday 25:00")]
    [InlineData("61 8 * * 1")]
    public void ScheduleText_RejectsWhatItCannotRead(string text) =>
        Assert.False(ScheduleText.TryParse(text, out _, out _));

    [Fact]
    public void SendingWindow_OnAWeekendMorning_WaitsForMondayAfterClassInTheRecipientsZone()
    {
        // Saturday 7 March 2026, 10:00 in Chicago (CST); Monday is already CDT.
        var saturday = new DateTimeOffset(2026, 3, 7, 10, 0, 0, TimeSpan.FromHours(-6));
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 15, 0, 0, TimeSpan.FromHours(-5)), SendingWindow.Default.NextAllowed(saturday, Chicago));
    }

    [Fact]
    public void SendingWindow_InsideTheWindow_IsNow_AndAfterItIsTomorrow()
    {
        var tuesday = new DateTimeOffset(2026, 5, 5, 16, 0, 0, TimeSpan.FromHours(-5));
        Assert.Equal(tuesday, SendingWindow.Default.NextAllowed(tuesday, Chicago));
        Assert.Equal(new DateTimeOffset(2026, 5, 6, 15, 0, 0, TimeSpan.FromHours(-5)), SendingWindow.Default.NextAllowed(tuesday.AddHours(4), Chicago));
    }

    [Fact]
    public void SendingWindow_SkipsBreaks_AndFindsAMomentBothTimeZonesAllow()
    {
        var window = SendingWindow.Default with { Breaks = [new SchoolBreak(new DateOnly(2026, 4, 6), new DateOnly(2026, 4, 10))] };
        var friday = new DateTimeOffset(2026, 4, 3, 20, 0, 0, TimeSpan.FromHours(-5));
        Assert.Equal(new DateTimeOffset(2026, 4, 13, 15, 0, 0, TimeSpan.FromHours(-5)), window.NextAllowed(friday, Chicago));

        // Chicago 15:00–19:00 (UTC-5) and New York 15:00–19:00 (UTC-4) overlap 15:00–18:00 Chicago time.
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var monday = new DateTimeOffset(2026, 5, 4, 12, 0, 0, TimeSpan.FromHours(-5));
        Assert.Equal(new DateTimeOffset(2026, 5, 4, 15, 0, 0, TimeSpan.FromHours(-5)), SendingWindow.Default.NextAllowedForAll(monday, [Chicago, newYork]));
    }
}
