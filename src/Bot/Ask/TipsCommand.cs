using PeerBot.Bot.Commands;
using PeerBot.Matching.Ask;
using PeerBot.Scheduler.Ask;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Bot.Ask;

/// <summary><c>tips &lt;topic&gt;</c>: answers colleagues saved as tips, ranked like <c>find</c>, each with its helper's name and never its asker's.</summary>
public sealed class TipsCommand(AskStore questions) : ICommandHandler
{
    public CommandInfo Info { get; } = new("tips", "tips <topic>", "answers colleagues saved as tips for a topic", "tips classroom management");

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken ct)
    {
        if (command.Arguments.Length == 0)
        {
            return new MessageReply(ChatMessage.Plain($"Which topic? e.g. `{command.Prefix}tips classroom management` or `{command.Prefix}tips 7th grade math`."));
        }

        var tips = TipRanking.Rank(await questions.TipsAsync(command.Workspace.Id, ct), command.Arguments);
        if (tips.Count == 0)
        {
            return new MessageReply(ChatMessage.Plain(
                $"No saved tips for \"{AskMessages.Safe(command.Arguments)}\" yet. Ask colleagues who know: `{command.Prefix}ask <your question> #tags` — a helpful answer can become a tip."));
        }

        var blocks = new List<MessageBlock> { new TextBlock($"**Tips for \"{AskMessages.Safe(command.Arguments)}\"**") };
        foreach (var tip in tips)
        {
            var tags = tip.Tags.Count > 0 ? " " + string.Join(' ', tip.Tags.Select(t => "#" + t)) : "";
            blocks.Add(new TextBlock($"**From {tip.HelperName}**{tags} — asked: {AskMessages.Quote(tip.Question)}"));
            blocks.Add(new TextBlock(AskMessages.Safe(tip.Answer)));
        }

        blocks.Add(new NoteBlock("Tips are answers the colleague who asked found helpful and chose to share. They name the helper, never who asked."));
        return new MessageReply(new ChatMessage($"Tips for \"{AskMessages.Safe(command.Arguments)}\": " + string.Join("; ", tips.Select(t => $"from {t.HelperName}: {AskMessages.Safe(t.Answer)}")), blocks));
    }
}
