using System.Text.Json.Nodes;
using PeerBot.Bot.Slack.Events;
using PeerBot.Scheduler.Members;

namespace PeerBot.Bot.Slack.Home;

/// <summary><c>app_home_opened</c> on the Home tab: publishes the person's home view (views.publish). Never sends a message.</summary>
public sealed class AppHomeHandler(MemberDirectory members, PeerBot.Scheduler.Ask.AskStore asks, HomeWelcomes welcomes, SlackApiClient api, ISlackTokenSource tokens, TimeProvider clock) : ISlackEventHandler
{
    public IReadOnlyList<string> EventTypes { get; } = ["app_home_opened"];

    public async Task HandleAsync(SlackEvent slackEvent, CancellationToken ct)
    {
        // Opening the Messages tab is not consent to be messaged: only the Home tab gets an answer, and it is a view.
        if (slackEvent.Field("tab") is not ("home" or null) || slackEvent.Field("user") is not { Length: > 0 } userId)
        {
            return;
        }

        var member = await members.FindAsync(slackEvent.Workspace.Id, userId, ct);
        var blocks = member is not null
            ? AppHomeView.ForMember(member, clock.GetUtcNow(), await asks.HelpedCountAsync(member.Id, ct))
            : AppHomeView.ForNewcomer(await welcomes.FirstVisitAsync(slackEvent.Workspace.Id, userId, ct));
        var token = await tokens.GetBotTokenAsync(slackEvent.Workspace.ExternalId, ct);
        await api.CallAsync("views.publish", token, new JsonObject
        {
            ["user_id"] = userId,
            ["view"] = new JsonObject { ["type"] = "home", ["blocks"] = BlockKit.Blocks(blocks) },
        }, ct);
    }
}
