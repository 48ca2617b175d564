using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Rounds;

namespace PeerBot.Scheduler.CheckIns;

/// <summary>The weekly "did you meet?" and its follow-ups.</summary>
public static class CheckInMessages
{
    public const string MetAction = "checkin.met";
    public const string NotYetAction = "checkin.not-yet";
    public const string SkipAction = "checkin.skip";
    public const string RateAction = "checkin.rate";

    /// <summary>Button value: which pairing and which week the answer is for.</summary>
    public static string Value(Guid pairingId, DateOnly week) => $"{pairingId:N}|{week:yyyy-MM-dd}";

    public static bool TryParse(string value, out Guid pairingId, out DateOnly week, out int? rating)
    {
        var parts = value.Split('|');
        week = default;
        rating = parts.Length > 2 && int.TryParse(parts[2], out var r) && r is >= 1 and <= 5 ? r : null;
        return Guid.TryParse(parts[0], out pairingId) && parts.Length > 1
               && DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out week);
    }

    public static ChatMessage Nudge(Pairing pairing, DateOnly week, bool reminder)
    {
        var who = pairing.Members.Count == 2 ? "you two" : "your pod";
        var question = reminder ? $"A gentle reminder: did {who} meet this week?" : $"Did {who} meet this week?";
        var value = Value(pairing.Id, week);
        return new ChatMessage(question,
        [
            new TextBlock($"**{question}**"),
            new ButtonsBlock(
            [
                new ChatButton("We met ✅", MetAction, value, ButtonStyle.Primary, "We met this week"),
                new ChatButton("Not yet", NotYetAction, value, Description: "We have not met yet this week"),
                new ChatButton("Skip this week", SkipAction, value, Description: "Skip this week's check-in"),
            ]),
            new NoteBlock("Only counts of answers reach coaches — never who said what."),
        ]);
    }

    public static ChatMessage Replan(Pairing pairing) => new(
        "It's been three weeks since you last met. Want to pick a new time — or end this pairing? Either is fine.",
        [
            new TextBlock("It's been three weeks since you last met. Life gets busy! Want to pick a new time — or end this pairing? Either is completely fine."),
            new ButtonsBlock([new ChatButton("End this pairing", Introductions.EndAction, pairing.Id.ToString())]),
            new NoteBlock("To keep going, just reply here with a time that suits you both."),
        ]);

    public static ChatMessage AskRating(Guid pairingId, DateOnly week) => new(
        "Great! How useful was it, from 1 (not useful) to 5 (very useful)? (optional)",
        [
            new TextBlock("Great — thanks for meeting! How useful was it? (optional)"),
            new ButtonsBlock(RatingScale.Buttons(RateAction, i => $"{Value(pairingId, week)}|{i}", RatingScale.Usefulness, "Rate the meeting")),
        ]);
}
