using PeerBot.Bot.Slack.Events;

namespace PeerBot.Bot.Slack.Home;

/// <summary><c>app_home_opened</c> on the Home tab: publishes the person's home view (views.publish). Never sends a message.</summary>
public sealed class AppHomeHandler(HomePublisher home) : ISlackEventHandler
{
    public IReadOnlyList<string> EventTypes { get; } = ["app_home_opened"];

    public async Task HandleAsync(SlackEvent slackEvent, CancellationToken ct)
    {
        // Opening the Messages tab is not consent to be messaged: only the Home tab gets an answer, and it is a view.
        if (slackEvent.Field("tab") is not ("home" or null) || slackEvent.Field("user") is not { Length: > 0 } userId)
        {
            return;
        }

        await home.PublishAsync(slackEvent.Workspace, userId, ct);
    }
}
