using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Members;
using PeerBot.Scheduler.Workspaces;

namespace PeerBot.Bot.Teams;

/// <summary>
/// The chat port over the Bot Connector. Only people who joined are messaged: being in a team where
/// PeerBot was added is not consent (a Teams store rule). Teams cannot create group chats, so a pair or
/// pod gets one 1:1 copy each, naming the others.
/// </summary>
public sealed partial class TeamsChatGateway(
    TeamsConversations conversations, BotConnector connector, MemberDirectory members, TeamsDeliveryLog deliveries,
    IOptions<TeamsOptions> options, ILogger<TeamsChatGateway> log) : IChatGateway
{
    public const string PlatformName = ChatPlatforms.Teams;

    public string Platform => PlatformName;

    /// <summary>What Teams told us about the person in their chats with PeerBot (the Connector's roster would need a conversation anyway).</summary>
    public async Task<ChatUserInfo?> GetUserAsync(Workspace workspace, string userId, CancellationToken ct)
    {
        var reference = await conversations.FindPersonalAsync(workspace.Id, userId, ct);
        var member = reference is null ? await members.FindAsync(workspace.Id, userId, ct) : null;
        return reference is not null
            ? new ChatUserInfo(userId, reference.UserName ?? userId, reference.TimeZone, IsAdmin: false, IsBot: false, reference.AadObjectId)
            : member is not null ? new ChatUserInfo(userId, member.Profile.Name, member.Profile.TimeZone, IsAdmin: false, IsBot: false) : null;
    }

    public async Task<DeliveryReceipt> DeliverAsync(Workspace workspace, OutgoingMessage message, CancellationToken ct)
    {
        var recipients = new List<Member>();
        foreach (var userId in message.Recipients.Distinct(StringComparer.Ordinal))
        {
            recipients.Add(await members.FindAsync(workspace.Id, userId, ct)
                ?? throw new ChatDeliveryException("Only people who joined PeerBot are messaged in Teams", permanent: true));
        }

        if (message.Conversation is { } channel)
        {
            return await IntroduceInChannelAsync(workspace, channel, message, recipients, ct);
        }

        var ids = new List<string>();
        foreach (var member in recipients)
        {
            if (await deliveries.FindAsync(message.DeliveryKey, member.Id, ct) is { } sent)
            {
                ids.Add(sent);
                continue;
            }

            var reference = await conversations.FindPersonalAsync(workspace.Id, member.ExternalUserId, ct)
                ?? await OpenPersonalChatAsync(workspace, member, ct);
            // Each member's own copy (their clock only), naming the others it went to.
            var own = message.Message.For(member.ExternalUserId);
            var copy = recipients.Count > 1 ? NamingTheOthers(own, recipients.Where(r => r.Id != member.Id)) : own;
            var activity = copy.Files.Count > 0 ? AdaptiveCards.FilesActivity(copy, copy.Files) : AdaptiveCards.MessageActivity(copy);
            var activityId = await connector.SendAsync(reference.ServiceUrl, reference.ConversationId, activity, ct);
            await deliveries.RecordAsync(message.DeliveryKey, member.Id, activityId, ct);
            ids.Add(activityId);
        }

        return new DeliveryReceipt(ids);
    }

    /// <summary>One new thread in the workspace's introductions channel, mentioning everyone it introduces; recorded for each of them.</summary>
    private async Task<DeliveryReceipt> IntroduceInChannelAsync(Workspace workspace, string channel, OutgoingMessage message, List<Member> recipients, CancellationToken ct)
    {
        // A post that mentions nobody (an anonymous question in the peer-support channel) relies on the outbox's own key.
        if (recipients.Count > 0 && await deliveries.FindAsync(message.DeliveryKey, recipients[0].Id, ct) is { } sent)
        {
            return new DeliveryReceipt([sent]);
        }

        if (await conversations.LatestEndpointAsync(workspace.Id, ct) is not { } endpoint)
        {
            throw new ChatDeliveryException("PeerBot has not heard from this Teams tenant yet, so it knows no serviceUrl", permanent: false);
        }

        var activity = message.Message.Files.Count > 0 ? AdaptiveCards.FilesActivity(message.Message, message.Message.Files) : AdaptiveCards.MessageActivity(message.Message);
        var mentions = new JsonArray();
        foreach (var member in recipients)
        {
            var name = member.Profile.Name.Length > 0 ? member.Profile.Name : "colleague";
            mentions.Add(new JsonObject
            {
                ["type"] = "mention",
                ["text"] = $"<at>{name}</at>",
                ["mentioned"] = new JsonObject { ["id"] = member.ExternalUserId, ["name"] = name },
            });
        }

        var greeting = string.Join(" ", mentions.Select(m => m!["text"]!.GetValue<string>()));
        activity["text"] = activity["text"] is { } text ? $"{greeting} {text.GetValue<string>()}".TrimStart() : greeting;
        activity["entities"] = mentions;
        var botId = endpoint.BotId.Length > 0 ? endpoint.BotId : $"28:{options.Value.AppId}";
        var activityId = await connector.CreateChannelThreadAsync(endpoint.ServiceUrl, botId, channel, workspace.ExternalId, activity, ct);
        foreach (var member in recipients)
        {
            await deliveries.RecordAsync(message.DeliveryKey, member.Id, activityId, ct);
        }

        return new DeliveryReceipt([activityId]);
    }

    /// <summary>Files in the person's 1:1 chat: one card showing the images and linking (or attaching) the rest.</summary>
    public async Task SendFilesAsync(Workspace workspace, string userId, ChatMessage message, IReadOnlyList<ChatFile> files, CancellationToken ct)
    {
        // Someone who typed to PeerBot has a chat with it; otherwise only a member may be written to first.
        var reference = await conversations.FindPersonalAsync(workspace.Id, userId, ct)
            ?? (await members.FindAsync(workspace.Id, userId, ct) is { } member
                ? await OpenPersonalChatAsync(workspace, member, ct)
                : throw new ChatDeliveryException("PeerBot has no chat with this person in Teams", permanent: true));
        await connector.SendAsync(reference.ServiceUrl, reference.ConversationId, AdaptiveCards.FilesActivity(message, files), ct);
    }

    /// <summary>
    /// Always null: the Bot Connector cannot list or search a conversation's messages, so Teams offers no
    /// way to tell whether a message whose outcome was lost arrived. Recipients already recorded are skipped on retry.
    /// </summary>
    public Task<bool?> FindDeliveredAsync(Workspace workspace, OutgoingMessage message, CancellationToken ct) => Task.FromResult<bool?>(null);

    /// <summary>Creates the 1:1 chat with <c>POST {serviceUrl}/v3/conversations</c> in the workspace's tenant.</summary>
    private async Task<ConversationReference> OpenPersonalChatAsync(Workspace workspace, Member member, CancellationToken ct)
    {
        if (await conversations.LatestEndpointAsync(workspace.Id, ct) is not { } endpoint)
        {
            throw new ChatDeliveryException("PeerBot has not heard from this Teams tenant yet, so it knows no serviceUrl", permanent: false);
        }

        var botId = endpoint.BotId.Length > 0 ? endpoint.BotId : $"28:{options.Value.AppId}";
        var conversationId = await connector.CreatePersonalConversationAsync(endpoint.ServiceUrl, botId, member.ExternalUserId, workspace.ExternalId, ct);
        var reference = new ConversationReference(conversationId, endpoint.ServiceUrl, botId, member.ExternalUserId, member.Profile.Name, null);
        await conversations.SavePersonalAsync(workspace.Id, reference, ct);
        LogOpened(workspace.Id);
        return reference;
    }

    private static ChatMessage NamingTheOthers(ChatMessage message, IEnumerable<Member> others)
    {
        var names = others.Select(o => o.Profile.Name.Length > 0 ? o.Profile.Name : "your partner").ToArray();
        var list = names.Length == 1 ? names[0] : string.Join(", ", names[..^1]) + " and " + names[^1];
        var note = $"{list} got this message too, in their own chat with PeerBot — say hi to them directly.";
        return message with { Text = $"{message.Text}\n{note}", Blocks = [.. message.Blocks, new NoteBlock(note)] };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Opened a 1:1 Teams chat for a member in workspace {WorkspaceId}")]
    private partial void LogOpened(Guid workspaceId);
}
