using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PeerBot.Scheduler.Chat;
using PeerBot.Scheduler.Workspaces;
using static PeerBot.Bot.Chat.JsonRead;

namespace PeerBot.Bot.Slack;

/// <summary>The chat port over Slack's Web API.</summary>
public sealed partial class SlackChatGateway(SlackApiClient api, ISlackTokenSource tokens, IHttpClientFactory http, ILogger<SlackChatGateway> log) : IChatGateway
{
    public const string PlatformName = ChatPlatforms.Slack;

    /// <summary>The client that posts file bytes to the upload URLs Slack hands out (no token: the URL is the credential).</summary>
    public const string UploadClient = "SlackFileUpload";

    public string Platform => PlatformName;

    public async Task<ChatUserInfo?> GetUserAsync(Workspace workspace, string userId, CancellationToken ct)
    {
        var token = await tokens.GetBotTokenAsync(workspace.ExternalId, ct);
        var body = await api.CallFormAsync("users.info", token, new Dictionary<string, string> { ["user"] = userId }, ct);
        var user = body.GetProperty("user");
        return new ChatUserInfo(userId, DisplayNameOf(user) ?? userId, Str(user, "tz"), Flag(user, "is_admin") || Flag(user, "is_owner") || Flag(user, "is_primary_owner"), Flag(user, "is_bot"));
    }

    /// <summary>What Slack shows as the person's name: the display name they chose, else their full name; never the handle unless that is all there is.</summary>
    public static string? DisplayNameOf(System.Text.Json.JsonElement user) =>
        new[] { Str(user, "profile", "display_name"), Str(user, "profile", "real_name"), Str(user, "real_name"), Str(user, "name") }
            .FirstOrDefault(n => !string.IsNullOrWhiteSpace(n))?.Trim();

    public async Task<DeliveryReceipt> DeliverAsync(Workspace workspace, OutgoingMessage message, CancellationToken ct)
    {
        var token = await tokens.GetBotTokenAsync(workspace.ExternalId, ct);
        try
        {
            var channel = message.Conversation ?? await ConversationAsync(token, message.Recipients, ct);
            var payload = BlockKit.Message(message.Conversation is null ? message.Message : Mentioning(message));
            payload["channel"] = channel;
            // Slack has no idempotency key; the key rides along as message metadata so FindDeliveredAsync can look for it.
            payload["metadata"] = new JsonObject { ["event_type"] = DeliveryEvent, ["event_payload"] = new JsonObject { ["delivery_key"] = message.DeliveryKey } };
            var body = await api.CallAsync("chat.postMessage", token, payload, ct);
            if (message.Message.Files.Count > 0)
            {
                await ShareFilesAsync(workspace, token, channel, message.Message.Files, comment: null, ct);
            }

            return new DeliveryReceipt([body.GetProperty("ts").GetString() ?? ""]);
        }
        catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
        {
            throw new ChatRateLimitedException(SlackApiClient.RetryAfterOf(e) ?? TimeSpan.FromSeconds(30));
        }
        catch (SlackApiException e)
        {
            throw new ChatDeliveryException(e.Message, PermanentErrors.Contains(e.Error), e);
        }
    }

    /// <summary>
    /// Slack's external upload: files.getUploadURLExternal (an upload URL and file id per file) → POST the bytes there →
    /// one files.completeUploadExternal sharing them all in the person's DM, the message as its comment.
    /// </summary>
    public async Task SendFilesAsync(Workspace workspace, string userId, ChatMessage message, IReadOnlyList<ChatFile> files, CancellationToken ct)
    {
        var token = await tokens.GetBotTokenAsync(workspace.ExternalId, ct);
        try
        {
            await UploadAsync(token, await ConversationAsync(token, [userId], ct), files, message.Text, ct);
        }
        catch (HttpRequestException e) when (e.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
        {
            throw new ChatRateLimitedException(SlackApiClient.RetryAfterOf(e) ?? TimeSpan.FromSeconds(30));
        }
        catch (SlackApiException e)
        {
            throw new ChatDeliveryException(e.Message, PermanentErrors.Contains(e.Error), e);
        }
    }

    /// <summary>
    /// Files that go with a delivered message (a calendar invitation). An install from a manifest without files:write
    /// still has the message, which says the time: the refusal is logged, and the delivery counts as done.
    /// </summary>
    private async Task ShareFilesAsync(Workspace workspace, string token, string channel, IReadOnlyList<ChatFile> files, string? comment, CancellationToken ct)
    {
        try
        {
            await UploadAsync(token, channel, files, comment, ct);
        }
        catch (SlackApiException e) when (e.Error == "missing_scope")
        {
            LogCannotShareFiles(workspace.ExternalId, e.Message);
        }
    }

    private async Task UploadAsync(string token, string channel, IReadOnlyList<ChatFile> files, string? comment, CancellationToken ct)
    {
        var uploaded = new JsonArray();
        foreach (var file in files)
        {
            var slot = await api.CallFormAsync("files.getUploadURLExternal", token, new Dictionary<string, string>
            {
                ["filename"] = file.Name,
                ["length"] = file.Bytes.Length.ToString(CultureInfo.InvariantCulture),
            }, ct);
            using var content = new ByteArrayContent(file.Bytes);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using var response = await http.CreateClient(UploadClient).PostAsync(slot.GetProperty("upload_url").GetString(), content, ct);
            response.EnsureSuccessStatusCode();
            uploaded.Add(new JsonObject { ["id"] = slot.GetProperty("file_id").GetString(), ["title"] = file.Title });
        }

        var complete = new JsonObject { ["files"] = uploaded, ["channel_id"] = channel };
        if (comment is not null)
        {
            complete["initial_comment"] = comment;
        }

        await api.CallAsync("files.completeUploadExternal", token, complete, ct);
    }

    public async Task<bool?> FindDeliveredAsync(Workspace workspace, OutgoingMessage message, CancellationToken ct)
    {
        var token = await tokens.GetBotTokenAsync(workspace.ExternalId, ct);
        var channel = message.Conversation ?? await ConversationAsync(token, message.Recipients, ct);
        System.Text.Json.JsonElement history;
        try
        {
            history = await api.CallFormAsync("conversations.history", token, new Dictionary<string, string>
            {
                ["channel"] = channel,
                ["include_all_metadata"] = "true",
                ["limit"] = "100",
            }, ct);
        }
        catch (SlackApiException e) when (e.Error == "missing_scope")
        {
            // An install from an older manifest: cannot look, so the outbox sends (a possible double beats a lost introduction).
            LogCannotLook(workspace.ExternalId, e.Message);
            return null;
        }

        foreach (var m in history.GetProperty("messages").EnumerateArray())
        {
            if (m.TryGetProperty("metadata", out var meta)
                && meta.TryGetProperty("event_payload", out var payload)
                && payload.TryGetProperty("delivery_key", out var key)
                && key.GetString() == message.DeliveryKey)
            {
                return true;
            }
        }

        return false;
    }

    public const string DeliveryEvent = "peerbot_delivery";

    private static readonly HashSet<string> PermanentErrors =
        ["channel_not_found", "user_not_found", "users_not_found", "not_in_channel", "is_archived", "invalid_blocks", "msg_too_long", "account_inactive", "user_disabled", "cannot_dm_bot", "invalid_auth", "token_revoked"];

    /// <summary>In a shared channel the message starts by mentioning the people it introduces.</summary>
    private static ChatMessage Mentioning(OutgoingMessage message)
    {
        if (message.Recipients.Count == 0)
        {
            return message.Message;
        }

        var mentions = string.Join(" ", message.Recipients.Select(u => $"<@{u}>"));
        return message.Message with { Text = $"{mentions} {message.Message.Text}", Blocks = [new TextBlock(mentions), .. message.Message.Blocks] };
    }

    /// <summary>The DM with one person, or the group DM of a pair/pod (conversations.open returns the same one each time).</summary>
    private async Task<string> ConversationAsync(string token, IReadOnlyList<string> recipients, CancellationToken ct)
    {
        var opened = await api.CallAsync("conversations.open", token, new JsonObject { ["users"] = string.Join(',', recipients), ["return_im"] = true }, ct);
        return opened.GetProperty("channel").GetProperty("id").GetString()!;
    }

    /// <summary>Opens a modal for the person who just typed or clicked (trigger ids live three seconds).</summary>
    public Task OpenFormAsync(string teamId, string triggerId, ChatForm form, string privateMetadata, CancellationToken ct) =>
        OpenViewAsync(teamId, triggerId, BlockKit.Modal(form, privateMetadata), ct);

    /// <summary>Stacks a form on the modal the person clicked in (views.push, with the click's trigger).</summary>
    public async Task PushFormAsync(string teamId, string triggerId, ChatForm form, string privateMetadata, CancellationToken ct)
    {
        var token = await tokens.GetBotTokenAsync(teamId, ct);
        await api.CallAsync("views.push", token, new JsonObject { ["trigger_id"] = triggerId, ["view"] = BlockKit.Modal(form, privateMetadata) }, ct);
    }

    /// <summary>Replaces what an open modal shows (views.update); with its hash, only if the modal did not change since.</summary>
    public async Task UpdateViewAsync(string teamId, string viewId, string? hash, JsonObject view, CancellationToken ct)
    {
        var token = await tokens.GetBotTokenAsync(teamId, ct);
        var call = new JsonObject { ["view_id"] = viewId, ["view"] = view };
        if (hash is not null)
        {
            call["hash"] = hash;
        }

        await api.CallAsync("views.update", token, call, ct);
    }

    /// <summary>Opens a modal with a trigger (single use, valid 3 s after the person acted).</summary>
    public async Task OpenViewAsync(string teamId, string triggerId, JsonObject view, CancellationToken ct)
    {
        var token = await tokens.GetBotTokenAsync(teamId, ct);
        await api.CallAsync("views.open", token, new JsonObject { ["trigger_id"] = triggerId, ["view"] = view }, ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack team {TeamId} did not grant the scope to share files ({Error}): the message went without them; reinstall the app from the current manifest")]
    private partial void LogCannotShareFiles(string teamId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack team {TeamId} did not grant the scope to look before resending ({Error}): reinstall the app from the current manifest")]
    private partial void LogCannotLook(string teamId, string error);
}
