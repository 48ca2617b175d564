using PeerBot.Scheduler.Chat;

namespace PeerBot.Scheduler.Ask;

/// <summary>What PeerBot says about a question, to the peers it reaches and to the asker. Nothing sent to a helper ever hints at an anonymous asker.</summary>
public static class AskMessages
{
    public const string ClaimAction = "ask.claim", DeclineAction = "ask.decline", ReportAction = "ask.report",
        HelpedAction = "ask.helped", ReplyAction = "ask.reply", TipAction = "ask.tip", SuggestTipAction = "ask.tip-suggest";

    /// <summary>The question offered to a peer (DM) or posted in the peer-support channel, with "I can help" / "Not me".</summary>
    public static ChatMessage Offer(AskQuestion q, bool inChannel = false)
    {
        var who = q.AskerName is { } name ? $"**{name}** asks" : "A colleague asks (anonymously — PeerBot never says who)";
        var tags = q.Tags.Count > 0 ? " " + string.Join(' ', q.Tags.Select(t => "#" + t)) : "";
        var why = inChannel
            ? "Nobody has picked this one up yet. If you can help, PeerBot passes your answer on."
            : "You were picked because your profile fits. If you can help, PeerBot passes your answer on; up to two colleagues answer each question.";
        var intro = $"🙋 {who}{tags}:";
        return new ChatMessage($"{intro}\n{Quote(q.Body)}\n{why}",
        [
            new TextBlock(intro),
            new TextBlock(Quote(q.Body)),
            new NoteBlock(why),
            new ButtonsBlock(
            [
                new ChatButton("I can help", ClaimAction, Value(q.Id), ButtonStyle.Primary),
                .. inChannel ? Array.Empty<ChatButton>() : [new ChatButton("Not me", DeclineAction, Value(q.Id))],
                new ChatButton("Report", ReportAction, "q:" + Value(q.Id), ButtonStyle.Danger),
            ]),
        ]);
    }

    /// <summary>A helper's answer, relayed to the asker by name, with "This helped", one reply, and "Report".</summary>
    public static ChatMessage Answer(AskQuestion q, Guid answerId, string helperName, string answer)
    {
        var intro = $"💬 **{helperName}** answered your question:";
        var note = q.Named ? "You can reply once through PeerBot." : $"You can reply once through PeerBot — {helperName} still doesn't know who asked.";
        return new ChatMessage($"{intro}\n{Quote(q.Body)}\n{Safe(answer)}\n{note}",
        [
            new TextBlock(intro),
            new NoteBlock(Quote(q.Body)),
            new TextBlock(Safe(answer)),
            new NoteBlock(note),
            new ButtonsBlock(
            [
                new ChatButton("This helped", HelpedAction, Value(answerId), ButtonStyle.Primary),
                new ChatButton("Reply", ReplyAction, Value(answerId)),
                new ChatButton("Report", ReportAction, "a:" + Value(answerId), ButtonStyle.Danger),
            ]),
        ]);
    }

    /// <summary>The asker's one reply, relayed to the helper.</summary>
    public static ChatMessage Reply(AskQuestion q, string reply)
    {
        var intro = q.AskerName is { } name ? $"↩️ **{name}** replied to your answer:" : "↩️ The colleague you answered replied (anonymously):";
        return new ChatMessage($"{intro}\n{Safe(reply)}", [new TextBlock(intro), new TextBlock(Safe(reply)), new NoteBlock("About: " + Quote(q.Body))]);
    }

    /// <summary>A ripple: the helper hears their answer helped, and whom in general terms only; they may suggest it as a tip.</summary>
    public static ChatMessage Helped(string askerDescription, AskQuestion q, Guid answerId)
    {
        var text = $"💛 Your answer helped {askerDescription}. Thank you for sharing what you know!";
        return new ChatMessage(text,
        [
            new TextBlock(text),
            new NoteBlock("About: " + Quote(q.Body)),
            new NoteBlock("Others could use it too: suggest it as a tip, and PeerBot asks the colleague you helped whether that's OK."),
            new ButtonsBlock([new ChatButton("Suggest it as a tip", SuggestTipAction, Value(answerId))]),
        ]);
    }

    /// <summary>The helper would like their answer saved as a tip: the asker is asked, and only their yes saves it.</summary>
    public static ChatMessage TipRequest(AskQuestion q, Guid answerId, string helperName)
    {
        var text = $"💡 {helperName} would like to save their answer to your question as a tip, so other teachers can find it. " +
            $"A tip shows the question and {helperName}'s name — never yours. Only you can say yes; if you'd rather not, just leave this.";
        return new ChatMessage(text,
        [
            new TextBlock(text),
            new NoteBlock(Quote(q.Body)),
            new ButtonsBlock([new ChatButton("Yes, save it as a tip", TipAction, Value(answerId), ButtonStyle.Primary)]),
        ]);
    }

    /// <summary>Three school days and nobody picked it up: told kindly, with <c>find</c> as the next step.</summary>
    public static ChatMessage Unanswered(AskQuestion q)
    {
        var text = "Nobody has picked up your question yet — that's about timing and busy weeks, not about your question. " +
            $"Try `find {Topic(q)}`: it shows colleagues who know it, and one click says hi. Your question stays open a little longer in case someone answers.";
        return new ChatMessage(text, [new TextBlock(text), new NoteBlock(Quote(q.Body))]);
    }

    public static string Value(Guid id) => id.ToString("N");

    public static bool TryRead(string value, out Guid id) => Guid.TryParseExact(value, "N", out id);

    /// <summary>A person's words inside PeerBot's message, quoted; angle brackets defused so typed text can never mention or ping anyone.</summary>
    public static string Quote(string body) => $"“{Safe(body)}”";

    /// <summary>What a person typed, made inert: no platform markup (&lt;!channel&gt;, &lt;@U1&gt;) survives.</summary>
    public static string Safe(string text) => text.Replace('<', '‹').Replace('>', '›');

    private static string Topic(AskQuestion q) =>
        q.Tags.Count > 0 ? string.Join(' ', q.Tags) : string.Join(' ', q.Body.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(4)).TrimEnd('?', '.', '!');
}
