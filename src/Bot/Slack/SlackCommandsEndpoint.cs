using PeerBot.Bot.Commands;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Slack;

/// <summary><c>POST /slack/commands</c>: a signed <c>/peer …</c> slash command becomes a platform-neutral command.</summary>
public sealed partial class SlackCommandsEndpoint(SlackRequest request, WorkspaceDirectory workspaces, CommandRouter router, SlackResponder responder, ILogger<SlackCommandsEndpoint> log)
{
    public async Task<IResult> HandleAsync(HttpContext context)
    {
        if (await request.ReadVerifiedAsync(context) is not { } body)
        {
            return Results.Empty;
        }

        return await HandleFormAsync(SlackRequest.ParseForm(body), context.RequestAborted);
    }

    /// <summary>The command itself, shared by HTTP and Socket Mode (whose envelopes carry the same fields as JSON).</summary>
    public async Task<IResult> HandleFormAsync(IReadOnlyDictionary<string, string> form, CancellationToken ct)
    {
        if (form.GetValueOrDefault("ssl_check") == "1")
        {
            return Results.Ok();
        }

        if (form.GetValueOrDefault("team_id") is not { Length: > 0 } teamId || form.GetValueOrDefault("user_id") is not { Length: > 0 } userId)
        {
            LogMalformed();
            return Results.BadRequest("team_id and user_id are required");
        }

        var workspace = await workspaces.GetOrCreateAsync(SlackChatGateway.PlatformName, teamId, form.GetValueOrDefault("team_domain") ?? "", ct);
        var prefix = (form.GetValueOrDefault("command") is { Length: > 0 } c ? c : "/peer") + " ";
        var channel = form.GetValueOrDefault("channel_id");
        var command = CommandRouter.Parse(workspace, new ChatCaller(userId, form.GetValueOrDefault("user_name") ?? userId), form.GetValueOrDefault("text") ?? "", prefix)
            with { Place = channel is ['C', ..] ? new ChatPlace(channel, form.GetValueOrDefault("channel_name")) : null };
        var replyTo = new SlackReplyContext(teamId, form.GetValueOrDefault("trigger_id"), ResponseUrl(form), prefix);
        return await responder.RespondAsync(DispatchAsync(command), replyTo);
    }

    private async Task<CommandReply?> DispatchAsync(ChatCommand command) => await router.DispatchAsync(command, responder.Stopping);

    private static Uri? ResponseUrl(IReadOnlyDictionary<string, string> form) =>
        Uri.TryCreate(form.GetValueOrDefault("response_url"), UriKind.Absolute, out var url) ? url : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected a Slack slash command without team_id or user_id")]
    private partial void LogMalformed();
}
