using PeerBot.Bot.Commands;
using PeerBot.Matching.Ask;

namespace PeerBot.Bot.Ask;

/// <summary><c>ask &lt;question&gt; [#tags]</c>, <c>ask named &lt;question&gt;</c>: a question to the colleagues who fit it best; alone, it opens the form.</summary>
public sealed class AskCommand(AskDesk desk) : ICommandHandler
{
    public CommandInfo Info { get; } = new("ask", "ask <question> [#tags] | ask named <question>",
        "a quick question to the colleagues who know — anonymous unless you say named", "ask How do you start a class discussion? #ela");

    public async Task<CommandReply> HandleAsync(ChatCommand command, CancellationToken ct)
    {
        var asked = AskedQuestion.Parse(command.Arguments);
        if (asked.Body.Length == 0 && asked.Tags.Count == 0)
        {
            return new FormReply(AskForm.Form(asked.Named));
        }

        return new MessageReply(await desk.AskAsync(command.Workspace, command.Caller.UserId, asked, command.Prefix, ct));
    }
}
