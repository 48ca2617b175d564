using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PeerBot.Bot.Tests.Infrastructure;

/// <summary>
/// Slack's Web API and response_url hooks, faked on 127.0.0.1 and as strict as Slack: a method beyond the
/// granted scopes (the manifest's, unless a test revokes one) answers <c>missing_scope</c>; it records every call
/// and answers with the real response fixtures, scripted answers (errors, 429s) queued per method, a share of
/// 429s with <c>Retry-After</c>, a timeout after the call took effect, or a failure before it did.
/// </summary>
public sealed class FakeSlack : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SlackCall> _calls = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<ScriptedAnswer>> _scripted = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<PostedMessage>> _channels = new();
    private long _ts;
    private TaskCompletionSource _changed = NewSignal();

    private FakeSlack(WebApplication app) => _app = app;

    /// <summary>The default wait: long enough for a loaded two-core box, and every wait wakes on the fake's own signal.</summary>
    public const int DefaultTimeoutMs = 30_000;

    public Uri BaseUrl { get; private set; } = null!;

    public Uri ApiBaseUrl => new(BaseUrl, "api/");

    /// <summary>People users.info knows: user id → time zone.</summary>
    public ConcurrentDictionary<string, string> TimeZones { get; } = new();

    /// <summary>People's names as users.info answers them: user id → (profile display name, possibly empty; full name). Others are "Teacher {id}".</summary>
    public ConcurrentDictionary<string, (string Display, string Real)> Names { get; } = new();

    /// <summary>People users.info reports as workspace admins.</summary>
    public ConcurrentDictionary<string, bool> Admins { get; } = new();

    /// <summary>How long chat.postMessage takes to answer after Slack has the message (a crash in this gap leaves the outcome unknown).</summary>
    public TimeSpan PostDelay { get; set; }

    public IReadOnlyList<SlackCall> Calls => [.. _calls];

    /// <summary>The bot scopes the install granted: what the app manifest asks for, unless a test takes one away.</summary>
    public ConcurrentDictionary<string, bool> GrantedScopes { get; } = new(PeerBot.Bot.Slack.SlackScopes.Requested.Select(s => KeyValuePair.Create(s, true)));

    /// <summary>Calls refused for a scope the install lacks: method and the scope it needed.</summary>
    public IReadOnlyList<(string Method, string Needed)> MissingScopes => [.. _missingScopes];

    private readonly ConcurrentQueue<(string, string)> _missingScopes = new();

    /// <summary>Share (0–1) of calls to a method answered 429 with <c>Retry-After</c> <see cref="RateLimitRetryAfter"/>, before anything happens.</summary>
    public ConcurrentDictionary<string, double> RateLimitShare { get; } = new();

    /// <summary>The Retry-After (seconds) sent with <see cref="RateLimitShare"/>'s 429s.</summary>
    public int RateLimitRetryAfter { get; set; } = 1;

    /// <summary>How many 429s the fake answered (scripted or by share).</summary>
    public int RateLimited => _rateLimited;

    private int _rateLimited;

    private readonly ConcurrentDictionary<string, int> _timeouts = new(), _failures = new();

    /// <summary>The next <paramref name="times"/> calls to <paramref name="method"/> take effect, then never answer (the caller times out).</summary>
    public void TimeOutAfterEffect(string method, int times = 1) => _timeouts.AddOrUpdate(method, times, (_, n) => n + times);

    /// <summary>The next <paramref name="times"/> calls to <paramref name="method"/> fail with 500 before taking effect.</summary>
    public void FailBeforeEffect(string method, int times = 1) => _failures.AddOrUpdate(method, times, (_, n) => n + times);

    private static bool TakeOne(ConcurrentDictionary<string, int> counters, string method)
    {
        while (counters.TryGetValue(method, out var n) && n > 0)
        {
            if (counters.TryUpdate(method, n - 1, n))
            {
                return true;
            }
        }

        return false;
    }

    public static async Task<FakeSlack> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSlack(app);
        app.MapPost("/api/{method}", (string method, HttpContext c) => fake.AnswerAsync(method, c));
        app.MapPost("/hooks/{**path}", (string path, HttpContext c) => fake.AnswerAsync("response_url", c));
        app.MapPost("/upload/{fileId}", (string fileId, HttpContext c) => fake.ReceiveUploadAsync(fileId, c));
        await app.StartAsync();
        fake.BaseUrl = new Uri(app.Urls.First() + "/");
        return fake;
    }

    public Uri ResponseUrl(string id = "1") => new(BaseUrl, $"hooks/commands/T1/{id}");

    /// <summary>The next call to <paramref name="method"/> gets this answer instead of the default.</summary>
    public void Script(string method, int status, string body, string? retryAfter = null) =>
        _scripted.GetOrAdd(method, _ => new()).Enqueue(new ScriptedAnswer(status, body, retryAfter));

    /// <summary>Every message chat.postMessage accepted, in order, across channels.</summary>
    public IReadOnlyList<PostedMessage> Posted => [.. _channels.Values.SelectMany(q => q).OrderBy(m => m.Ts, StringComparer.Ordinal)];

    /// <summary>Messages in one conversation (what conversations.history answers).</summary>
    public IReadOnlyList<PostedMessage> MessagesIn(string channel) => _channels.TryGetValue(channel, out var q) ? [.. q] : [];

    /// <summary>The conversation conversations.open answers for these users: a DM "D…" for one, a group DM "G…" for several.</summary>
    public static string ChannelFor(IEnumerable<string> users)
    {
        var sorted = users.Order(StringComparer.Ordinal).ToArray();
        return sorted.Length == 1 ? "D" + sorted[0] : "G" + string.Join("", sorted).GetHashCode(StringComparison.Ordinal).ToString("X8", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Puts a message into a conversation as if it had been posted earlier (e.g. before a crash).</summary>
    public PostedMessage Seed(IEnumerable<string> users, string text, string? deliveryKey) => Record(ChannelFor(users), text, deliveryKey);

    public IReadOnlyList<SlackCall> CallsTo(string method) => [.. _calls.Where(c => c.Method == method)];

    public Task<SlackCall> WaitForAsync(string method, int count = 1, int timeoutMs = DefaultTimeoutMs) =>
        WaitUntilAsync(() => CallsTo(method) is { } calls && calls.Count >= count ? calls[count - 1] : null, $"{count} call(s) to {method}", timeoutMs);

    /// <summary>
    /// Waits until <paramref name="probe"/> finds something, looking again each time the fake records a call, a message or an
    /// upload (woken by the fake, never polling); <paramref name="what"/> names it in the timeout's message.
    /// </summary>
    public async Task<T> WaitUntilAsync<T>(Func<T?> probe, string what, int timeoutMs = DefaultTimeoutMs)
        where T : class
    {
        using var timeout = new CancellationTokenSource(timeoutMs);
        while (true)
        {
            var changed = _changed.Task;
            if (probe() is { } found)
            {
                return found;
            }

            try
            {
                await changed.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Slack never showed {what} within {timeoutMs} ms; calls: {string.Join(", ", _calls.Select(c => c.Method))}");
            }
        }
    }

    private void Changed() => Interlocked.Exchange(ref _changed, NewSignal()).TrySetResult();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task<IResult> AnswerAsync(string method, HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var call = new SlackCall(method, context.Request.Headers.Authorization.ToString(), context.Request.ContentType ?? "", body) { Path = context.Request.Path.Value ?? "" };
        _calls.Enqueue(call);
        Changed();
        if (_scripted.TryGetValue(method, out var queue) && queue.TryDequeue(out var scripted))
        {
            if (scripted.RetryAfter is not null)
            {
                context.Response.Headers.RetryAfter = scripted.RetryAfter;
            }

            if (scripted.Status == 429)
            {
                Interlocked.Increment(ref _rateLimited);
            }

            return Results.Content(scripted.Body, "application/json", Encoding.UTF8, scripted.Status);
        }

        if (method is not ("response_url" or "oauth.v2.access") && NeededScope(method, call) is { } needed && !GrantedScopes.ContainsKey(needed))
        {
            _missingScopes.Enqueue((method, needed));
            return Results.Json(new { ok = false, error = "missing_scope", needed, provided = string.Join(',', GrantedScopes.Keys.Order(StringComparer.Ordinal)) });
        }

        if (RateLimitShare.TryGetValue(method, out var share) && Random.Shared.NextDouble() < share)
        {
            Interlocked.Increment(ref _rateLimited);
            context.Response.Headers.RetryAfter = RateLimitRetryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Json(new { ok = false, error = "ratelimited" }, statusCode: 429);
        }

        if (TakeOne(_failures, method))
        {
            return Results.Json(new { ok = false, error = "internal_error" }, statusCode: 500);
        }

        var answer = await EffectAsync(method, call);
        if (TakeOne(_timeouts, method))
        {
            // Slack has done it; the answer never comes (until the caller gives up).
            await Task.Delay(TimeSpan.FromMinutes(2), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        return answer;
    }

    /// <summary>The scope Slack would check for this call; null when the method needs none or is unknown (unknown_method answers).</summary>
    private static string? NeededScope(string method, SlackCall call)
    {
        if (!PeerBot.Bot.Slack.SlackScopes.Methods.Contains(method))
        {
            return null;
        }

        var kind = method switch
        {
            "conversations.history" => KindOf(call.Form.GetValueOrDefault("channel") ?? ""),
            "conversations.open" => (call.Json?["users"]?.GetValue<string>() ?? "").Contains(',', StringComparison.Ordinal) ? "mpim" : "im",
            _ => null,
        };
        return PeerBot.Bot.Slack.SlackScopes.Needed(method, kind);
    }

    /// <summary>This fake's channel ids: D… a DM, G… a group DM, C… a public channel, anything else a private channel.</summary>
    public static string KindOf(string channel) => channel switch
    {
        ['D', ..] => "im",
        ['G', ..] => "mpim",
        ['C', ..] => "channels",
        _ => "groups",
    };

    private async Task<IResult> EffectAsync(string method, SlackCall call)
    {
        return method switch
        {
            "users.info" => Results.Json(UserInfo(call.Form.GetValueOrDefault("user") ?? "")),
            "response_url" or "chat.postMessage" or "chat.update" when InvalidBlocks(call.Json?["blocks"] as JsonArray ?? [], 50, "blocks") is { } invalid =>
                method == "response_url"
                    ? Results.Text("invalid_blocks", statusCode: 400)
                    : Results.Json(new { ok = false, error = "invalid_blocks", errors = new[] { invalid } }),
            "response_url" => Results.Text("ok"),
            "chat.postMessage" => await PostMessageAsync(call.Json!),
            "conversations.open" => Results.Json(new { ok = true, channel = new { id = ChannelFor((call.Json?["users"]?.GetValue<string>() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)) } }),
            "conversations.history" => History(call.Form.GetValueOrDefault("channel") ?? ""),
            "views.open" when InvalidBlocks(call.Json?["view"]?["blocks"] as JsonArray ?? [], 100) is { } invalid =>
                Results.Json(new { ok = false, error = "invalid_blocks", errors = new[] { invalid } }),
            "views.open" => OpenView(call),
            "views.push" when InvalidBlocks(call.Json?["view"]?["blocks"] as JsonArray ?? [], 100) is { } invalid =>
                Results.Json(new { ok = false, error = "invalid_blocks", errors = new[] { invalid } }),
            "views.push" => OpenView(call, pushed: true),
            "views.update" when InvalidBlocks(call.Json?["view"]?["blocks"] as JsonArray ?? [], 100) is { } invalid =>
                Results.Json(new { ok = false, error = "invalid_blocks", errors = new[] { invalid } }),
            "views.update" => UpdateView(call),
            "views.publish" when InvalidBlocks(call.Json?["view"]?["blocks"] as JsonArray ?? [], 100) is { } invalid =>
                Results.Json(new { ok = false, error = "invalid_blocks", errors = new[] { invalid } }),
            "views.publish" => Results.Json(new { ok = true, view = new { id = "V0001" } }),
            "oauth.v2.access" => OAuthAccess(call.Form),
            "files.getUploadURLExternal" => UploadSlot(call.Form),
            "files.completeUploadExternal" => CompleteUpload(call.Json!),
            _ => Results.Json(new { ok = false, error = "unknown_method" }),
        };
    }

    /// <summary>How long a trigger_id can open a view after the person acted: Slack's 3 seconds.</summary>
    public TimeSpan TriggerLifetime { get; set; } = TimeSpan.FromSeconds(3);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _issuedTriggers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _exchangedTriggers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<SlackCall> _openedViews = new();

    /// <summary>
    /// Hands out a trigger_id as Slack puts one in a slash command, click or shortcut (issued at <paramref name="at"/>, default now).
    /// views.open refuses it once used (<c>exchanged_trigger_id</c>) or after <see cref="TriggerLifetime"/> (<c>expired_trigger_id</c>).
    /// Trigger ids this fake never issued (raw payloads built by hand, reused across requests) are accepted.
    /// </summary>
    public string IssueTrigger(string id, DateTimeOffset? at = null)
    {
        _issuedTriggers[id] = at ?? DateTimeOffset.UtcNow;
        return id;
    }

    /// <summary>The views.open and views.push calls Slack accepted (a refused trigger opens nothing).</summary>
    public IReadOnlyList<SlackCall> OpenedViews => [.. _openedViews];

    /// <summary>A modal as it is now on the person's screen: its id, its current view and the hash a views.update must quote.</summary>
    public sealed record OpenModal(string Id, JsonNode View, string Hash, string RootId, int Depth, int Updates);

    private readonly ConcurrentDictionary<string, OpenModal> _modals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _modalByTrigger = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _triggerFromModal = new(StringComparer.Ordinal);
    private int _viewCount;

    /// <summary>The modal opened or pushed with <paramref name="trigger"/>, as it is now (after any views.update); null if none.</summary>
    public OpenModal? ModalOpenedWith(string trigger) =>
        _modalByTrigger.TryGetValue(trigger, out var id) && _modals.TryGetValue(id, out var modal) ? modal : null;

    /// <summary>The modal with this view id, as it is now.</summary>
    public OpenModal? Modal(string viewId) => _modals.GetValueOrDefault(viewId);

    /// <summary>A trigger Slack puts in a click inside the modal <paramref name="viewId"/>: views.push may stack a view on it.</summary>
    public string IssueTriggerInModal(string id, string viewId)
    {
        _triggerFromModal[id] = viewId;
        return IssueTrigger(id);
    }

    /// <summary>
    /// views.open, or views.push: a trigger from a click inside a modal stacks a view on it, at most two above the first
    /// (<c>push_limit_reached</c>), as Slack allows.
    /// </summary>
    private IResult OpenView(SlackCall call, bool pushed = false)
    {
        var trigger = call.Json?["trigger_id"]?.GetValue<string>() ?? call.Form.GetValueOrDefault("trigger_id") ?? "";
        if (trigger.Length == 0)
        {
            return Results.Json(new { ok = false, error = "invalid_arguments", response_metadata = new { messages = new[] { "invalid `trigger_id`" } } });
        }

        if (_issuedTriggers.TryGetValue(trigger, out var issued) && DateTimeOffset.UtcNow - issued > TriggerLifetime)
        {
            return Results.Json(new { ok = false, error = "expired_trigger_id" });
        }

        OpenModal? under = null;
        if (pushed && _triggerFromModal.TryGetValue(trigger, out var fromModal) && _modals.TryGetValue(fromModal, out var below))
        {
            under = below;
            if (below.Depth >= 3)
            {
                return Results.Json(new { ok = false, error = "push_limit_reached" });
            }
        }

        if (!_exchangedTriggers.TryAdd(trigger, true) && _issuedTriggers.ContainsKey(trigger))
        {
            return Results.Json(new { ok = false, error = "exchanged_trigger_id" });
        }

        var id = $"V{Interlocked.Increment(ref _viewCount):D6}";
        var view = call.Json?["view"]?.DeepClone() ?? new JsonObject();
        var modal = new OpenModal(id, view, $"{id}.0", under?.RootId ?? id, (under?.Depth ?? 0) + 1, 0);
        _modals[id] = modal;
        _modalByTrigger[trigger] = id;
        _openedViews.Enqueue(call);
        Changed();
        return Results.Json(new { ok = true, view = new { id, hash = modal.Hash, type = "modal" } });
    }

    /// <summary>views.update of an open modal by view_id; with a hash, only if nobody changed the view since (<c>hash_conflict</c>).</summary>
    private IResult UpdateView(SlackCall call)
    {
        var id = call.Json?["view_id"]?.GetValue<string>() ?? "";
        var hash = call.Json?["hash"]?.GetValue<string>();
        if (id.Length == 0 || !_modals.TryGetValue(id, out var modal))
        {
            return Results.Json(new { ok = false, error = "not_found" });
        }

        if (hash is not null && hash != modal.Hash)
        {
            return Results.Json(new { ok = false, error = "hash_conflict" });
        }

        var updated = modal with { View = call.Json?["view"]?.DeepClone() ?? new JsonObject(), Hash = $"{id}.{modal.Updates + 1}", Updates = modal.Updates + 1 };
        _modals[id] = updated;
        Changed();
        return Results.Json(new { ok = true, view = new { id, hash = updated.Hash, type = "modal" } });
    }

    /// <summary>Someone else (another click, another device) changed the modal: a views.update quoting the old hash is refused.</summary>
    public void ChangeModalElsewhere(string viewId) =>
        _modals.AddOrUpdate(viewId, _ => throw new InvalidOperationException($"no modal {viewId}"), (_, m) => m with { Hash = m.Hash + "x" });

    /// <summary>What Slack refuses in a message's (50) or a view's (100) blocks: too many blocks, an action id twice in one block, a button too long.</summary>
    private static string? InvalidBlocks(JsonArray blocks, int max, string pointer = "view/blocks")
    {
        if (blocks.Count > max)
        {
            return $"no more than {max} items allowed [json-pointer:/{pointer}]";
        }

        foreach (var (block, i) in blocks.Select((b, i) => (b, i)))
        {
            var elements = (block?["elements"] as JsonArray ?? []).Where(e => e?["action_id"] is not null).ToList();
            var ids = elements.Select(e => e!["action_id"]!.GetValue<string>()).ToList();
            if (ids.Count != ids.Distinct(StringComparer.Ordinal).Count())
            {
                return $"action_id must be unique within a block [json-pointer:/{pointer}/{i}/elements]";
            }

            if (elements.Any(e => e!["type"]?.GetValue<string>() == "button"
                    && ((e["text"]?["text"]?.GetValue<string>().Length ?? 0) > 75 || (e["value"]?.GetValue<string>().Length ?? 0) > 2000)))
            {
                return $"must be less than 76 characters [json-pointer:/{pointer}/{i}/elements]";
            }
        }

        return null;
    }

    private async Task<IResult> PostMessageAsync(JsonNode payload)
    {
        var posted = Record(payload["channel"]?.GetValue<string>() ?? "", payload["text"]?.GetValue<string>() ?? "",
            payload["metadata"]?["event_payload"]?["delivery_key"]?.GetValue<string>(), payload["blocks"]?.ToJsonString());
        if (PostDelay > TimeSpan.Zero)
        {
            await Task.Delay(PostDelay);
        }

        return Results.Json(new { ok = true, channel = posted.Channel, ts = posted.Ts, message = new { text = posted.Text, ts = posted.Ts, type = "message" } });
    }

    private PostedMessage Record(string channel, string text, string? deliveryKey, string? blocks = null)
    {
        var ts = $"1700000000.{Interlocked.Increment(ref _ts):D6}";
        var posted = new PostedMessage(channel, ts, text, deliveryKey, blocks);
        _channels.GetOrAdd(channel, _ => new()).Enqueue(posted);
        Changed();
        return posted;
    }

    private IResult History(string channel)
    {
        // Newest first, with metadata, as Slack answers when include_all_metadata=true.
        var messages = new JsonArray([.. MessagesIn(channel).Reverse().Select(m => (JsonNode)new JsonObject
        {
            ["type"] = "message",
            ["ts"] = m.Ts,
            ["text"] = m.Text,
            ["metadata"] = m.DeliveryKey is null ? null : new JsonObject { ["event_type"] = "peerbot_delivery", ["event_payload"] = new JsonObject { ["delivery_key"] = m.DeliveryKey } },
        })]);
        return Results.Json(new JsonObject { ["ok"] = true, ["messages"] = messages, ["has_more"] = false });
    }

    /// <summary>Files PeerBot uploaded to the upload URL this fake handed out: file id → (name asked for, bytes).</summary>
    public ConcurrentDictionary<string, (string Name, byte[] Bytes)> Uploads { get; } = new();

    private readonly ConcurrentDictionary<string, string> _slots = new();

    /// <summary>Files shared by files.completeUploadExternal: the channel, and each file's name and bytes as uploaded.</summary>
    public IReadOnlyList<SharedFiles> FileShares => [.. _shares];

    private readonly ConcurrentQueue<SharedFiles> _shares = new();

    // As Slack: only files whose bytes arrived at their upload URL can be completed; shared where channel_id says.
    private IResult CompleteUpload(JsonNode payload)
    {
        var ids = (payload["files"] as JsonArray ?? []).Select(f => f?["id"]?.GetValue<string>() ?? "").ToList();
        if (ids.Count == 0 || ids.Any(id => !Uploads.ContainsKey(id)))
        {
            return Results.Json(new { ok = false, error = "file_not_found" });
        }

        _shares.Enqueue(new SharedFiles(payload["channel_id"]?.GetValue<string>(), [.. ids.Select(id => Uploads[id])], payload["initial_comment"]?.GetValue<string>()));
        Changed();
        return Results.Json(new { ok = true, files = payload["files"]?.DeepClone() });
    }

    // files.getUploadURLExternal: the upload URL points back at this fake, as Slack's points at its own upload host.
    private IResult UploadSlot(Dictionary<string, string> form)
    {
        var fileId = $"F{Interlocked.Increment(ref _ts):D8}";
        _slots[fileId] = form.GetValueOrDefault("filename") ?? "";
        return Results.Json(new { ok = true, upload_url = new Uri(BaseUrl, $"upload/{fileId}").ToString(), file_id = fileId });
    }

    private async Task<IResult> ReceiveUploadAsync(string fileId, HttpContext context)
    {
        if (!_slots.TryGetValue(fileId, out var name))
        {
            return Results.NotFound();
        }

        using var bytes = new MemoryStream();
        await context.Request.Body.CopyToAsync(bytes);
        Uploads[fileId] = (name, bytes.ToArray());
        Changed();
        return Results.Text($"OK - {bytes.Length}");
    }

    /// <summary>The code PeerBot may exchange; any other code gets Slack's invalid_code.</summary>
    public const string GoodOAuthCode = "good-code";

    /// <summary>The refresh token the fake accepts, and the rotated bot token it answers with.</summary>
    public const string GoodRefreshToken = "xoxe-1-refresh", RotatedBotToken = "xoxe.xoxb-rotated";

    private static IResult OAuthAccess(Dictionary<string, string> form) => form.GetValueOrDefault("grant_type") switch
    {
        "refresh_token" when form.GetValueOrDefault("refresh_token") == GoodRefreshToken => Results.Json(new
        {
            ok = true, access_token = RotatedBotToken, token_type = "bot", scope = "commands,chat:write", bot_user_id = "U0KRQLJ9H",
            refresh_token = GoodRefreshToken, expires_in = 43200, team = new { id = "T9TK3CUKW", name = "Slack Softball Team" },
        }),
        null when form.GetValueOrDefault("code") == GoodOAuthCode => Results.Content(Paths.ReadFixture("slack_webapi_oauth_v2_access_response.json"), "application/json"),
        _ => Results.Json(new { ok = false, error = form.ContainsKey("code") ? "invalid_code" : "invalid_refresh_token" }),
    };

    private JsonObject UserInfo(string userId)
    {
        var (display, real) = Names.GetValueOrDefault(userId, ($"Teacher {userId}", $"Teacher {userId}"));
        return new()
        {
            ["ok"] = true,
            ["user"] = new JsonObject
            {
                ["id"] = userId,
                ["name"] = userId.ToLowerInvariant(),
                ["real_name"] = real,
                ["tz"] = TimeZones.GetValueOrDefault(userId, "America/Chicago"),
                ["is_admin"] = Admins.ContainsKey(userId),
                ["profile"] = new JsonObject { ["display_name"] = display, ["real_name"] = real },
            },
        };
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed record ScriptedAnswer(int Status, string Body, string? RetryAfter);
}

/// <summary>A message the fake Slack holds in a conversation.</summary>
/// <param name="Channel">Where they were shared; null: kept private to the uploader.</param>
public sealed record SharedFiles(string? Channel, IReadOnlyList<(string Name, byte[] Bytes)> Files, string? Comment);

public sealed record PostedMessage(string Channel, string Ts, string Text, string? DeliveryKey, string? BlocksJson)
{
    /// <summary>When the fake accepted it (pacing tests measure the achieved rate from these).</summary>
    public DateTimeOffset At { get; init; } = DateTimeOffset.UtcNow;
}

/// <summary>One request PeerBot made to the fake Slack.</summary>
public sealed record SlackCall(string Method, string Authorization, string ContentType, string Body)
{
    /// <summary>The path called (for response_url posts: which command's URL).</summary>
    public string Path { get; init; } = "";

    public JsonNode? Json => ContentType.StartsWith("application/json", StringComparison.Ordinal) ? JsonNode.Parse(Body) : null;

    public Dictionary<string, string> Form =>
        ContentType.StartsWith("application/x-www-form-urlencoded", StringComparison.Ordinal)
            ? Body.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2))
                .ToDictionary(p => Uri.UnescapeDataString(p[0].Replace('+', ' ')), p => p.Length > 1 ? Uri.UnescapeDataString(p[1].Replace('+', ' ')) : "")
            : [];
}
