namespace PeerBot.Bot.Slack.Events;

/// <summary>Handles one kind of Events API event (<c>message</c>, <c>app_home_opened</c>, …), after de-duplication.</summary>
public interface ISlackEventHandler
{
    IReadOnlyList<string> EventTypes { get; }

    Task HandleAsync(SlackEvent slackEvent, CancellationToken ct);
}
