using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PeerBot.Bot.Slack;

namespace PeerBot.Bot.Simulator;

/// <summary>
/// What Slack does when a teacher types or clicks: builds the request Slack would send, signs it with the bot's
/// signing secret, and posts it to the bot's real endpoints (<c>/slack/commands</c>, <c>/slack/interactivity</c>,
/// <c>/slack/events</c>) over this process's own listener. The answer is shown the way Slack would show it.
/// </summary>
public sealed partial class SimulatedSlackClient(SimulatedWorkspace workspace, SimulatedSlackAddress address, IHttpClientFactory http, IOptions<SlackOptions> options, TimeProvider clock)
{
    public const string ClientName = "simulator";

    /// <summary><c>/peer {text}</c> typed by <paramref name="userId"/> in <paramref name="channel"/>.</summary>
    public async Task CommandAsync(string userId, string channel, string text, CancellationToken ct)
    {
        var teacher = Known(userId);
        workspace.Post("typed", channel, userId, userId, $"/peer {text}".TrimEnd(), null);
        var body = Form(new()
        {
            ["token"] = "simulator-verification-token-unused", ["team_id"] = SimulatedWorkspace.TeamId, ["team_domain"] = SimulatedWorkspace.TeamDomain,
            ["channel_id"] = channel, ["channel_name"] = workspace.Conversation(channel)?.Name.TrimStart('#') ?? "directmessage",
            ["user_id"] = userId, ["user_name"] = Handle(teacher), ["command"] = "/peer", ["text"] = Escaped(text, withName: true),
            ["api_app_id"] = "A0PEERBOT", ["is_enterprise_install"] = "false",
            ["response_url"] = workspace.NewResponseUrl(userId, channel).ToString(), ["trigger_id"] = workspace.NewTrigger(userId),
        });
        var (status, answer) = await SendAsync("slack/commands", body, "application/x-www-form-urlencoded", ct);
        ShowAnswer(userId, channel, "/slack/commands", status, answer, shown: true);
    }

    private static string Handle(SimTeacher teacher) => teacher.Name.Split(' ')[0].ToLowerInvariant();

    /// <summary>
    /// "@ana" as Slack sends it once a person picked Ana from the autocomplete: <c>&lt;@U…|ana&gt;</c> in a slash command
    /// (the manifest's <c>should_escape: true</c>), <c>&lt;@U…&gt;</c> in a message. Unknown handles stay plain text.
    /// </summary>
    private string Escaped(string text, bool withName) => MentionTyped().Replace(text, m =>
        workspace.Teachers.FirstOrDefault(t => Handle(t) == m.Groups["handle"].Value.ToLowerInvariant()) is { } t
            ? withName ? $"<@{t.Id}|{Handle(t)}>" : $"<@{t.Id}>"
            : m.Value);

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\w<])@(?<handle>[A-Za-z][\w.\-]*)")]
    private static partial System.Text.RegularExpressions.Regex MentionTyped();

    /// <summary>A message in the person's DM with PeerBot (an Events API <c>message.im</c>).</summary>
    public async Task DirectMessageAsync(string userId, string text, CancellationToken ct)
    {
        Known(userId);
        var dm = workspace.Open([userId]);
        var posted = workspace.Post("message", dm.Id, userId, null, text, null);
        await EventAsync(userId, dm.Id, new JsonObject
        {
            ["type"] = "message", ["channel"] = dm.Id, ["user"] = userId, ["text"] = Escaped(text, withName: false), ["ts"] = posted.Ts, ["event_ts"] = posted.Ts,
            ["channel_type"] = "im", ["team"] = SimulatedWorkspace.TeamId, ["client_msg_id"] = Guid.NewGuid().ToString(),
        }, ct);
    }

    /// <summary>The person opens PeerBot's Home tab (<c>app_home_opened</c>).</summary>
    public Task OpenHomeAsync(string userId, CancellationToken ct)
    {
        Known(userId);
        var dm = workspace.Open([userId]);
        return EventAsync(userId, dm.Id, new JsonObject
        {
            ["type"] = "app_home_opened", ["user"] = userId, ["channel"] = dm.Id, ["tab"] = "home", ["event_ts"] = Now(),
        }, ct);
    }

    /// <summary>
    /// A button click (<c>block_actions</c>) in a message, in an open modal (<paramref name="viewId"/>), or in the App Home
    /// when neither a channel nor a modal is named.
    /// </summary>
    public async Task ClickAsync(string userId, string? channel, string? messageTs, string actionId, string value, string? blockId, CancellationToken ct, string? viewId = null)
    {
        var teacher = Known(userId);
        var payload = Interaction("block_actions", teacher);
        payload["trigger_id"] = workspace.NewTrigger(userId);
        payload["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "button", ["action_id"] = actionId, ["block_id"] = blockId ?? "b", ["value"] = value, ["action_ts"] = Now(),
        });
        if (channel is not null)
        {
            var message = messageTs is null ? null : workspace.Item(channel, messageTs);
            payload["container"] = new JsonObject { ["type"] = "message", ["message_ts"] = messageTs, ["channel_id"] = channel, ["is_ephemeral"] = message?.VisibleTo is not null };
            payload["channel"] = new JsonObject { ["id"] = channel, ["name"] = workspace.Conversation(channel)?.Name ?? channel };
            payload["response_url"] = workspace.NewResponseUrl(userId, channel).ToString();
            if (message is { VisibleTo: null })
            {
                payload["message"] = new JsonObject { ["type"] = "message", ["ts"] = message.Ts, ["text"] = message.Text, ["blocks"] = message.Blocks?.DeepClone() };
            }
        }
        else if (viewId is not null && workspace.ModalById(viewId) is { } modal)
        {
            // Like Slack: the view it happened in (id, hash, callback), no response_url.
            payload["container"] = new JsonObject { ["type"] = "view", ["view_id"] = modal.ViewId };
            payload["view"] = new JsonObject
            {
                ["id"] = modal.ViewId, ["type"] = "modal", ["hash"] = modal.Hash, ["callback_id"] = modal.View["callback_id"]?.DeepClone(),
                ["private_metadata"] = modal.View["private_metadata"]?.DeepClone(),
            };
        }
        else
        {
            payload["container"] = new JsonObject { ["type"] = "view", ["view_id"] = "VHOME" + userId };
            payload["view"] = new JsonObject { ["id"] = "VHOME" + userId, ["type"] = "home" };
        }

        var (status, answer) = await SendAsync("slack/interactivity", "payload=" + Uri.EscapeDataString(payload.ToJsonString()), "application/x-www-form-urlencoded", ct);
        // Slack ignores what an app answers to a button click: a reply must come through response_url or the Web API.
        ShowAnswer(userId, channel ?? workspace.Open([userId]).Id, "/slack/interactivity", status, answer, shown: false);
    }

    /// <summary>
    /// One of PeerBot's global shortcuts picked from Slack's shortcuts menu: a <c>shortcut</c> payload with a trigger and
    /// no response_url (what it shows arrives as a modal through views.open, or as a DM).
    /// </summary>
    public async Task ShortcutAsync(string userId, string callbackId, CancellationToken ct)
    {
        var payload = Interaction("shortcut", Known(userId));
        payload["callback_id"] = callbackId;
        payload["trigger_id"] = workspace.NewTrigger(userId);
        payload["action_ts"] = Now();
        var (status, answer) = await SendAsync("slack/interactivity", "payload=" + Uri.EscapeDataString(payload.ToJsonString()), "application/x-www-form-urlencoded", ct);
        ShowAnswer(userId, workspace.Open([userId]).Id, "/slack/interactivity", status, answer, shown: false);
    }

    /// <summary>Submits the person's open modal with the page's values (block id → chosen values); returns field errors, if any.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SubmitAsync(string userId, IReadOnlyDictionary<string, IReadOnlyList<string>> values, CancellationToken ct)
    {
        var teacher = Known(userId);
        if (workspace.Modal(userId) is not { } modal)
        {
            return new Dictionary<string, string> { [""] = "This form is no longer open." };
        }

        var payload = Interaction("view_submission", teacher);
        payload["trigger_id"] = workspace.NewTrigger(userId);
        var view = (JsonObject)modal.View.DeepClone();
        view["id"] = modal.ViewId;
        view["state"] = new JsonObject { ["values"] = ModalState.Values(modal.View, values) };
        payload["view"] = view;
        var (status, answer) = await SendAsync("slack/interactivity", "payload=" + Uri.EscapeDataString(payload.ToJsonString()), "application/x-www-form-urlencoded", ct);
        if (status != 200)
        {
            return new Dictionary<string, string> { [""] = $"PeerBot answered HTTP {status}: Slack would show \"We had some trouble connecting\"." };
        }

        var response = answer.Length > 0 ? JsonNode.Parse(answer) : null;
        switch (response?["response_action"]?.GetValue<string>())
        {
            case "errors":
                return (response["errors"] as JsonObject ?? []).ToDictionary(e => e.Key, e => e.Value?.GetValue<string>() ?? "", StringComparer.Ordinal);
            case "update" when response["view"] is JsonObject next:
                workspace.OpenModal(userId, next, modal.ViewId);
                return new Dictionary<string, string>();
            default:
                workspace.CloseModal(userId);
                return new Dictionary<string, string>();
        }
    }

    public void CloseModal(string userId) => workspace.CloseModal(userId);

    private SimTeacher Known(string userId) => workspace.Teacher(userId) ?? throw new ArgumentException($"No teacher {userId} in the simulated workspace");

    private async Task EventAsync(string userId, string channel, JsonObject inner, CancellationToken ct)
    {
        var envelope = new JsonObject
        {
            ["token"] = "simulator-verification-token-unused", ["team_id"] = SimulatedWorkspace.TeamId, ["api_app_id"] = "A0PEERBOT",
            ["event"] = inner, ["type"] = "event_callback", ["event_id"] = "Ev" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant(),
            ["event_time"] = clock.GetUtcNow().ToUnixTimeSeconds(),
            ["authorizations"] = new JsonArray(new JsonObject { ["team_id"] = SimulatedWorkspace.TeamId, ["user_id"] = SimulatedWorkspace.BotUserId, ["is_bot"] = true }),
        };
        var (status, answer) = await SendAsync("slack/events", envelope.ToJsonString(), "application/json", ct);
        if (status != 200)
        {
            workspace.Note(userId, channel, $"/slack/events answered HTTP {status} {answer}: Slack would retry this event.");
        }
    }

    private JsonObject Interaction(string type, SimTeacher teacher) => new()
    {
        ["type"] = type, ["token"] = "simulator-verification-token-unused", ["api_app_id"] = "A0PEERBOT", ["is_enterprise_install"] = false,
        ["team"] = new JsonObject { ["id"] = SimulatedWorkspace.TeamId, ["domain"] = SimulatedWorkspace.TeamDomain },
        ["user"] = new JsonObject { ["id"] = teacher.Id, ["username"] = teacher.Name.Split(' ')[0].ToLowerInvariant(), ["name"] = teacher.Name.Split(' ')[0].ToLowerInvariant(), ["team_id"] = SimulatedWorkspace.TeamId },
    };

    /// <summary>What Slack shows for the bot's HTTP answer: a slash command's reply; a click's answer is not shown (noted instead).</summary>
    private void ShowAnswer(string userId, string channel, string endpoint, int status, string answer, bool shown)
    {
        if (status != 200)
        {
            workspace.Note(userId, channel, $"{endpoint} answered HTTP {status}. Slack would show: \"/peer failed with the error …\"");
            return;
        }

        if (answer.Length == 0)
        {
            return;
        }

        JsonNode? json;
        try
        {
            json = JsonNode.Parse(answer);
        }
        catch (JsonException)
        {
            json = new JsonObject { ["text"] = answer };
        }

        var text = json?["text"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
        if (!shown)
        {
            workspace.Note(userId, channel, $"PeerBot answered this click in its HTTP response, which Slack does not show for button clicks (use response_url): \"{text}\"");
            return;
        }

        var inChannel = json?["response_type"]?.GetValue<string>() == "in_channel";
        workspace.Post(inChannel ? "message" : "ephemeral", channel, SimulatedWorkspace.BotUserId, inChannel ? null : userId, text, json?["blocks"]);
    }

    private async Task<(int Status, string Body)> SendAsync(string path, string body, string contentType, CancellationToken ct)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address.Local, path))
        {
            Content = new ByteArrayContent(bytes) { Headers = { ContentType = new MediaTypeHeaderValue(contentType) } },
        };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", SlackSignature.Sign(options.Value.SigningSecret ?? "", timestamp, bytes));
        using var response = await http.CreateClient(ClientName).SendAsync(request, ct);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
    }

    private string Now() => (clock.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0).ToString("F6", CultureInfo.InvariantCulture);

    private static string Form(Dictionary<string, string> fields) =>
        string.Join('&', fields.Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value)}"));
}
