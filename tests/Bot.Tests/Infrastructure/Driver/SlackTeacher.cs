using System.Text.Json.Nodes;

namespace PeerBot.Bot.Tests.Infrastructure.Driver;

/// <summary>A teacher in Slack: signed slash commands, block_actions, view_submission and App Home visits, as Slack sends them.</summary>
public sealed class SlackTeacher(PeerBotApp app, string userId, string teamId = "T100", string? userName = null) : Teacher(app, userId)
{
    public string TeamId => teamId;

    public override string Prefix => "/peer ";

    public string UserName => userName ?? UserId.ToLowerInvariant();

    /// <summary>The command the last form came from: its response_url is where the form's confirmation goes.</summary>
    private string _lastHook = "";

    public override async Task<Seen> TypeAsync(string text)
    {
        var (hook, trigger) = NewRequestIds();
        _lastHook = hook;
        using var request = SlackSigner.Signed("/slack/commands", SlackSigner.Command(text, UserId, TeamId, App.Slack.ResponseUrl(hook), UserName, trigger), Now);
        var body = await SendAsync(request, $"/peer {text}");
        return body.Length > 0 ? Seen.FromSlack(JsonNode.Parse(body)!) : await ReplyOrFormAsync(hook, trigger, 1, $"the answer to /peer {text}");
    }

    public override async Task<Seen> ClickAsync(string actionId, string value)
    {
        var (hook, trigger) = NewRequestIds();
        _lastHook = hook;
        var click = Click(actionId, value, trigger);
        click["response_url"] = App.Slack.ResponseUrl(hook).ToString();
        using var request = SlackSigner.Signed("/slack/interactivity", SlackSigner.Interaction(click.ToJsonString()), Now);
        // Slack ignores the body of a block_actions acknowledgement: the reply must come through response_url.
        Assert.Equal("", await SendAsync(request, $"click {actionId}"));
        return await ReplyOrFormAsync(hook, trigger, 1, $"the answer to the click on {actionId}");
    }

    /// <summary>A click on something the teacher sees: inside a modal it is sent as Slack sends a modal's clicks.</summary>
    public override Task<Seen> ClickAsync(Seen on, string actionId, string value) =>
        on.ViewId is { } viewId ? ClickInModalAsync(on, viewId, actionId, value) : base.ClickAsync(on, actionId, value);

    /// <summary>
    /// Clicks a button inside an open modal: Slack sends the view (its id and hash) and no response_url. Returns the modal as
    /// the answer left it, a view stacked on it, or else the DM that came.
    /// </summary>
    private async Task<Seen> ClickInModalAsync(Seen on, string viewId, string actionId, string value)
    {
        var trigger = App.Slack.IssueTriggerInModal($"trigger.{Guid.NewGuid():N}", viewId);
        var before = Messages.Count;
        var updates = App.Slack.Modal(viewId)?.Updates ?? 0;
        var click = Click(actionId, value, trigger);
        click["container"] = new JsonObject { ["type"] = "view", ["view_id"] = viewId };
        click["view"] = new JsonObject
        {
            ["id"] = viewId,
            ["type"] = "modal",
            ["hash"] = on.ViewHash,
            ["callback_id"] = on.FormId,
            ["private_metadata"] = on.FormMetadata ?? "",
        };
        using var request = SlackSigner.Signed("/slack/interactivity", SlackSigner.Interaction(click.ToJsonString()), Now);
        Assert.Equal("", await SendAsync(request, $"click {actionId} in a modal"));
        return await WithLogsAsync(App.Slack.WaitUntilAsync(
            () => ModalFor(trigger)
                ?? (App.Slack.Modal(viewId) is { } modal && modal.Updates > updates ? OnScreen(modal) : null)
                ?? (Messages.Count > before ? Messages[before] : null),
            $"the modal, a stacked view or a DM after the click on {actionId} in a modal"));
    }

    /// <summary>Clicks a button on the App Home tab, which has no response_url: the answer comes as a DM.</summary>
    public async Task<Seen> ClickInHomeAsync(string actionId, string value)
    {
        var (_, trigger) = NewRequestIds();
        var before = Messages.Count;
        var click = Click(actionId, value, trigger);
        click["container"] = new JsonObject { ["type"] = "view", ["view_id"] = "V0001" };
        click["view"] = new JsonObject { ["id"] = "V0001", ["type"] = "home" };
        using var request = SlackSigner.Signed("/slack/interactivity", SlackSigner.Interaction(click.ToJsonString()), Now);
        Assert.Equal("", await SendAsync(request, $"click {actionId} in Home"));
        return await WithLogsAsync(App.Slack.WaitUntilAsync(
            () => Messages.Count > before ? Messages[before] : ModalFor(trigger), $"a DM or a modal after the Home click on {actionId}"));
    }

    public override async Task<Seen> SubmitAsync(Seen form, IReadOnlyDictionary<string, string[]> values)
    {
        Assert.True(form.IsForm, $"Not a form: {form.Raw.ToJsonString()}");
        var payload = JsonNode.Parse(Paths.ReadFixture("slack_view_submission.json"))!;
        payload["team"]!["id"] = TeamId;
        payload["user"]!["id"] = UserId;
        var view = payload["view"]!;
        view["callback_id"] = form.FormId;
        view["private_metadata"] = form.FormMetadata ?? "";
        view["state"] = new JsonObject { ["values"] = StateValues(form.Raw, values) };
        var hook = MetadataHook(form.FormMetadata);
        var before = hook is null ? Messages.Count : HookCalls(hook).Count;
        using var request = SlackSigner.Signed("/slack/interactivity", SlackSigner.Interaction(payload.ToJsonString()), Now);
        var body = await SendAsync(request, $"submit {form.FormId}");
        if (body.Length > 0 && JsonNode.Parse(body) is { } answer && answer["response_action"]?.GetValue<string>() == "errors")
        {
            return new Seen("", [], answer) { FieldErrors = answer["errors"]!.AsObject().ToDictionary(e => e.Key, e => e.Value!.GetValue<string>()) };
        }

        // The modal closed; the confirmation goes where the person started (response_url), or as a DM.
        return await WithLogsAsync(App.Slack.WaitUntilAsync(
            () => hook is null ? (Messages.Count > before ? Messages[before] : null) : HookCalls(hook).Skip(before).FirstOrDefault() is { } c ? Seen.FromSlack(c.Json!) : null,
            $"the confirmation of {form.FormId}"));
    }

    /// <summary>
    /// Uses one of PeerBot's global shortcuts (Slack's shortcut menu): a <c>shortcut</c> payload with its own trigger and no
    /// response_url; returns the modal it opened (a form, or a message shown in a modal), or else the DM that came.
    /// </summary>
    public async Task<Seen> ShortcutAsync(string callbackId)
    {
        var (_, trigger) = NewRequestIds();
        var before = Messages.Count;
        var shortcut = JsonNode.Parse(Paths.ReadFixture("slack_socket_mode_envelope_interactive_shortcut.json"))!["payload"]!;
        shortcut["team"]!["id"] = TeamId;
        shortcut["user"]!["id"] = UserId;
        shortcut["user"]!["username"] = UserName;
        shortcut["user"]!["team_id"] = TeamId;
        shortcut["callback_id"] = callbackId;
        shortcut["trigger_id"] = trigger;
        using var request = SlackSigner.Signed("/slack/interactivity", SlackSigner.Interaction(shortcut.ToJsonString()), Now);
        // Like a click, a shortcut's acknowledgement carries nothing: what the person sees comes through views.open (or a DM).
        Assert.Equal("", await SendAsync(request, $"shortcut {callbackId}"));
        return await WithLogsAsync(App.Slack.WaitUntilAsync(
            () => ModalFor(trigger) ?? (Messages.Count > before ? Messages[before] : null), $"the modal or DM after the shortcut {callbackId}"));
    }

    /// <summary>Opens the App Home tab (an <c>app_home_opened</c> event); returns the view PeerBot published for this teacher.</summary>
    public async Task<Seen> OpenHomeAsync()
    {
        var before = HomeViews().Count;
        var home = JsonNode.Parse(Paths.ReadFixture("slack_event_app_home_opened.json"))!;
        home["team_id"] = TeamId;
        home["event_id"] = $"Ev{Guid.NewGuid():N}";
        home["event"]!["user"] = UserId;
        using var request = SlackSigner.Signed("/slack/events", home.ToJsonString(), Now);
        request.Content!.Headers.ContentType = new("application/json");
        await SendAsync(request, "open Home");
        return await WithLogsAsync(App.Slack.WaitUntilAsync(() => HomeViews() is { } views && views.Count > before ? Seen.FromSlack(views[^1]) : null, "the published Home view"));
    }

    public override IReadOnlyList<Seen> Messages =>
        [.. App.Slack.MessagesIn("D" + UserId).Select(m => Seen.FromSlack(new JsonObject { ["text"] = m.Text, ["blocks"] = m.BlocksJson is null ? null : JsonNode.Parse(m.BlocksJson), ["deliveryKey"] = m.DeliveryKey }))];

    public override Task<Seen> MessageAsync(Func<Seen, bool> where, string what) =>
        WithLogsAsync(App.Slack.WaitUntilAsync(() => Messages.FirstOrDefault(where), what));

    private async Task<string> SendAsync(HttpRequestMessage request, string what)
    {
        var response = await App.Http().SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{what}: {(int)response.StatusCode} {body}");
        return body;
    }

    private Task<Seen> ReplyOrFormAsync(string hook, string trigger, int nth, string what) => WithLogsAsync(App.Slack.WaitUntilAsync(
        () => HookCalls(hook) is { } posted && posted.Count >= nth ? Seen.FromSlack(posted[nth - 1].Json!) : ModalFor(trigger), what));

    private Seen? ModalFor(string trigger) => App.Slack.ModalOpenedWith(trigger) is { } modal ? OnScreen(modal) : null;

    private static Seen OnScreen(FakeSlack.OpenModal modal) => Seen.FromSlackModal(modal.View) with { ViewId = modal.Id, ViewHash = modal.Hash };

    private IReadOnlyList<SlackCall> HookCalls(string hook) => [.. App.Slack.CallsTo("response_url").Where(c => c.Path.EndsWith("/" + hook, StringComparison.Ordinal))];

    private List<JsonNode> HomeViews() =>
        [.. App.Slack.CallsTo("views.publish").Select(c => c.Json!).Where(j => j["user_id"]?.GetValue<string>() == UserId).Select(j => j["view"]!)];

    private JsonNode Click(string actionId, string value, string trigger)
    {
        var click = JsonNode.Parse(Paths.ReadFixture("slack_block_actions.json"))!;
        click["team"]!["id"] = TeamId;
        click["user"]!["id"] = UserId;
        click["actions"]![0]!["action_id"] = actionId;
        click["actions"]![0]!["value"] = value;
        click["trigger_id"] = trigger;
        click.AsObject().Remove("response_url");
        return click;
    }

    /// <summary>A response_url hook and a trigger of this request's own (the fake Slack holds the trigger to 3 s and single use).</summary>
    private (string Hook, string Trigger) NewRequestIds()
    {
        var id = Guid.NewGuid().ToString("N");
        return (id, App.Slack.IssueTrigger($"trigger.{id}"));
    }

    private static string? MetadataHook(string? metadata) =>
        metadata is { Length: > 0 } && JsonNode.Parse(metadata)?["responseUrl"]?.GetValue<string>() is { } url ? url[(url.LastIndexOf('/') + 1)..] : null;

    /// <summary>state.values as Slack sends them: per field block, the element's kind decides how the value is carried.</summary>
    private static JsonObject StateValues(JsonNode view, IReadOnlyDictionary<string, string[]> values)
    {
        var state = new JsonObject();
        foreach (var block in (view["blocks"] as JsonArray ?? []).Where(b => b?["block_id"] is not null && b["element"] is not null))
        {
            var id = block!["block_id"]!.GetValue<string>();
            var element = block["element"]!;
            var kind = element["type"]!.GetValue<string>();
            var given = values.GetValueOrDefault(id) ?? [];
            JsonObject Option(string v) => new() { ["value"] = v };
            var value = kind switch
            {
                "multi_static_select" or "checkboxes" => new JsonObject { ["type"] = kind, ["selected_options"] = new JsonArray([.. given.Select(v => (JsonNode)Option(v))]) },
                "static_select" or "radio_buttons" => new JsonObject { ["type"] = kind, ["selected_option"] = given.Length > 0 ? Option(given[0]) : null },
                _ => new JsonObject { ["type"] = kind, ["value"] = given.Length > 0 ? string.Join(",", given) : null },
            };
            state[id] = new JsonObject { [element["action_id"]?.GetValue<string>() ?? id] = value };
        }

        return state;
    }
}
