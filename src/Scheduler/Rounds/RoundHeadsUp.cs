using System.Globalization;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Scheduler.Rounds;

/// <summary>What the heads-up says the school day before a round, and its buttons (skip this one, pause).</summary>
public static class RoundHeadsUp
{
    public const string SkipAction = "round.skip";
    public const string PauseAction = "round.pause";
    public const string PauseForAction = "round.pause-for";

    /// <summary>The heads-up for a round on <paramref name="roundDay"/>; <paramref name="tomorrow"/> when it is the next calendar day.</summary>
    public static ChatMessage Message(DateOnly roundDay, bool tomorrow)
    {
        var when = tomorrow ? "tomorrow" : roundDay.ToString("dddd", CultureInfo.InvariantCulture);
        var headline = $"Pairing round {when} — you're in";
        var body = "I'll introduce you to your people in the morning. Busy stretch? Sit this one out and you're back in the round after it, or pause for a while.";
        return new ChatMessage($"{headline}. {body}",
        [
            new TextBlock($"**{headline}**"),
            new TextBlock(body),
            new ButtonsBlock(
            [
                new ChatButton("Skip this one", SkipAction, roundDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Description: "Skip the next pairing round only"),
                new ChatButton("Pause…", PauseAction, Description: "Pause pairing and nudges for a while: choose how long"),
            ]),
        ]);
    }

    /// <summary>How long to pause for, after <em>Pause…</em>.</summary>
    public static ChatMessage PauseChoices() => new("How long would you like a break? No nudges, pulses or new pairings until then.",
    [
        new TextBlock("How long would you like a break? No nudges, pulses or new pairings until then."),
        new ButtonsBlock(
        [
            new ChatButton("1 week", PauseForAction, "1", Description: "Pause for 1 week"),
            new ChatButton("2 weeks", PauseForAction, "2", Description: "Pause for 2 weeks"),
            new ChatButton("4 weeks", PauseForAction, "4", Description: "Pause for 4 weeks"),
        ]),
    ]);

    /// <summary>The school day before <paramref name="roundDay"/> (weekends and breaks are not school days).</summary>
    public static DateOnly SchoolDayBefore(DateOnly roundDay, Schedules.SendingWindow window)
    {
        var day = roundDay.AddDays(-1);
        for (var i = 0; i < 60 && !window.IsSchoolDay(day); i++)
        {
            day = day.AddDays(-1);
        }

        return day;
    }
}
