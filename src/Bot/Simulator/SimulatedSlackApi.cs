using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using PeerBot.Bot.Slack;

namespace PeerBot.Bot.Simulator;

/// <summary>
/// The simulated Slack Web API (<c>/simulator/slack/api/{method}</c>) and response_url hooks: answers like Slack,
/// and turns each call into what the page shows. Unknown methods answer <c>unknown_method</c>, and a method beyond
/// the manifest's scopes <c>missing_scope</c>, as Slack does; <see cref="SimulatedSlackFaults"/> adds 429s, timeouts, failures.
/// </summary>
public sealed class SimulatedSlackApi(SimulatedWorkspace workspace, SimulatedSlackFaults faults, IOptions<SlackOptions> options)
{
    // Delivery keys ride in message metadata; kept beside the messages so conversations.history can return them.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, JsonNode> _metadata = new(StringComparer.Ordinal);

    public async Task<IResult> HandleAsync(string method, HttpContext context)
    {
        var (json, form) = await ReadAsync(context.Request);
        string? Arg(string name) => json?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : form.GetValueOrDefault(name);

        if (!Authorized(context.Request.Headers.Authorization.ToString()))
        {
            return Answer(method, false, "invalid_auth: the bot token is not this workspace's", Error("invalid_auth"));
        }

        var kind = method switch
        {
            "conversations.history" => workspace.Conversation(Arg("channel") ?? "")?.Kind is "channel" ? "channels" : workspace.Conversation(Arg("channel") ?? "")?.Kind,
            "conversations.open" => (Arg("users") ?? "").Contains(',', StringComparison.Ordinal) ? "mpim" : "im",
            _ => null,
        };
        if (faults.Missing(method, kind) is { } needed)
        {
            var refused = Error("missing_scope");
            refused["needed"] = needed;
            return Answer(method, false, $"the app was not granted {needed}", refused);
        }

        if (faults.RateLimitNow(method))
        {
            workspace.Record(method, false, $"rate limited: Retry-After {faults.RetryAfterSeconds} s");
            context.Response.Headers.RetryAfter = faults.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Content(Error("ratelimited").ToJsonString(), "application/json", Encoding.UTF8, StatusCodes.Status429TooManyRequests);
        }

        if (faults.FailNow(method))
        {
            workspace.Record(method, false, "failed before taking effect (500)");
            return Results.Content(Error("internal_error").ToJsonString(), "application/json", Encoding.UTF8, StatusCodes.Status500InternalServerError);
        }

        var answer = Dispatch(method, json, form, Arg);
        if (faults.TimeOutNow(method))
        {
            // Done, but the answer never comes until the caller gives up.
            workspace.Record(method, false, "took effect, then timed out");
            await Task.Delay(TimeSpan.FromMinutes(2), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        return answer;
    }

    private IResult Dispatch(string method, JsonObject? json, Dictionary<string, string> form, Func<string, string?> Arg)
    {
        return method switch
        {
            "auth.test" => Answer(method, true, "who am I", Ok(new() { ["user_id"] = SimulatedWorkspace.BotUserId, ["team_id"] = SimulatedWorkspace.TeamId, ["bot_id"] = "B0PEERBOT" })),
            "users.info" => UserInfo(method, Arg("user") ?? ""),
            "conversations.open" => OpenConversation(method, Arg("users") ?? ""),
            "chat.postMessage" => PostMessage(method, json ?? [], Arg("channel") ?? ""),
            "chat.postEphemeral" => PostEphemeral(method, json ?? [], Arg("channel") ?? "", Arg("user") ?? ""),
            "conversations.history" => History(method, Arg("channel") ?? ""),
            "views.open" => OpenView(method, Arg("trigger_id") ?? "", json?["view"] as JsonObject),
            "views.push" => OpenView(method, Arg("trigger_id") ?? "", json?["view"] as JsonObject),
            "views.update" => UpdateView(method, Arg("view_id") ?? "", Arg("hash"), json?["view"] as JsonObject),
            "views.publish" => PublishHome(method, Arg("user_id") ?? "", json?["view"] as JsonObject),
            "files.getUploadURLExternal" => UploadUrl(method, Arg("filename") ?? "file"),
            "files.completeUploadExternal" => CompleteUpload(method, json, form, Arg("channel_id"), Arg("initial_comment")),
            _ => Answer(method, false, "not simulated", Error("unknown_method")),
        };
    }

    /// <summary>A post to a response_url: an ephemeral reply for the person who typed or clicked (or, in_channel, for all).</summary>
    public async Task<IResult> RespondAsync(string id, HttpContext context)
    {
        var (json, _) = await ReadAsync(context.Request);
        if (workspace.ResponseTarget(id) is not { } target || json is null)
        {
            workspace.Record("response_url", false, "unknown or malformed response_url post");
            return Results.NotFound("used_url");
        }

        var inChannel = json["response_type"]?.GetValue<string>() == "in_channel";
        workspace.Post(inChannel ? "message" : "ephemeral", target.Channel, SimulatedWorkspace.BotUserId, inChannel ? null : target.UserId, Text(json), json["blocks"]);
        workspace.Record("response_url", true, $"{(inChannel ? "in channel" : "ephemeral")} reply to {target.UserId}");
        return Results.Text("ok");
    }

    /// <summary>The second step of Slack's external upload: the bytes, to the URL files.getUploadURLExternal gave.</summary>
    public async Task<IResult> UploadAsync(string fileId, HttpContext context)
    {
        using var buffer = new MemoryStream();
        var contentType = context.Request.ContentType ?? "application/octet-stream";
        if (context.Request.HasFormContentType && (await context.Request.ReadFormAsync(context.RequestAborted)).Files.FirstOrDefault() is { } file)
        {
            await file.CopyToAsync(buffer, context.RequestAborted);
            contentType = file.ContentType;
        }
        else
        {
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        }

        workspace.FillFile(fileId, contentType, buffer.ToArray());
        workspace.Record("files.upload", true, $"{buffer.Length} bytes for {fileId}");
        return Results.Text($"OK - {buffer.Length}");
    }

    private bool Authorized(string authorization) =>
        authorization.StartsWith("Bearer ", StringComparison.Ordinal)
        && (options.Value.BotToken is not { Length: > 0 } token || authorization["Bearer ".Length..] == token);

    private IResult UserInfo(string method, string userId)
    {
        if (workspace.Teacher(userId) is not { } t)
        {
            return Answer(method, false, $"{userId}: no such user", Error("user_not_found"));
        }

        var first = t.Name.Split(' ')[0];
        return Answer(method, true, $"{t.Name} ({t.TimeZone})", Ok(new()
        {
            ["user"] = new JsonObject
            {
                ["id"] = t.Id, ["team_id"] = SimulatedWorkspace.TeamId, ["name"] = first.ToLowerInvariant(), ["real_name"] = t.Name,
                ["tz"] = t.TimeZone, ["is_admin"] = t.IsAdmin, ["is_owner"] = false, ["is_bot"] = false,
                ["profile"] = new JsonObject { ["display_name"] = t.Name, ["real_name"] = t.Name },
            },
        }));
    }

    private IResult OpenConversation(string method, string users)
    {
        var ids = users.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0 || ids.Length > 8 || ids.Any(u => workspace.Teacher(u) is null))
        {
            return Answer(method, false, $"users={users}", Error(ids.Length is 0 or > 8 ? "invalid_arguments" : "user_not_found"));
        }

        var c = workspace.Open(ids);
        return Answer(method, true, $"{(c.Kind == "im" ? "DM with" : "group DM of")} {c.Name}{(c.Kind == "im" ? " " + ids[0] : "")}", Ok(new() { ["channel"] = new JsonObject { ["id"] = c.Id } }));
    }

    private IResult PostMessage(string method, JsonObject payload, string channel)
    {
        if (workspace.Conversation(channel) is not { } c)
        {
            return Answer(method, false, $"to {channel}", Error("channel_not_found"));
        }

        var item = workspace.Post("message", channel, SimulatedWorkspace.BotUserId, null, Text(payload), payload["blocks"]);
        var metadata = payload["metadata"]?.DeepClone();
        if (metadata is not null)
        {
            _metadata[item.Ts] = metadata;
        }

        return Answer(method, true, $"to {c.Name}: {Short(item.Text)}", Ok(new() { ["channel"] = channel, ["ts"] = item.Ts, ["message"] = new JsonObject { ["text"] = item.Text, ["ts"] = item.Ts, ["type"] = "message" } }));
    }

    private IResult PostEphemeral(string method, JsonObject payload, string channel, string user)
    {
        if (workspace.Conversation(channel) is null || workspace.Teacher(user) is null)
        {
            return Answer(method, false, $"to {user} in {channel}", Error(workspace.Teacher(user) is null ? "user_not_found" : "channel_not_found"));
        }

        var item = workspace.Post("ephemeral", channel, SimulatedWorkspace.BotUserId, user, Text(payload), payload["blocks"]);
        return Answer(method, true, $"to {user}: {Short(item.Text)}", Ok(new() { ["message_ts"] = item.Ts }));
    }

    private IResult History(string method, string channel)
    {
        var messages = new JsonArray([.. workspace.MessagesIn(channel).Reverse().Select(m => (JsonNode)new JsonObject
        {
            ["type"] = "message", ["ts"] = m.Ts, ["text"] = m.Text, ["user"] = m.From,
            ["metadata"] = _metadata.TryGetValue(m.Ts, out var meta) ? meta.DeepClone() : null,
        })]);
        return Answer(method, true, $"{channel}: {messages.Count} messages", Ok(new() { ["messages"] = messages, ["has_more"] = false }));
    }

    private IResult OpenView(string method, string trigger, JsonObject? view)
    {
        if (view is null)
        {
            return Answer(method, false, "no view", Error("invalid_arguments"));
        }

        if (workspace.UseTrigger(trigger) is not { } userId)
        {
            return Answer(method, false, "trigger_id unknown, used or expired", Error("expired_trigger_id"));
        }

        var modal = workspace.OpenModal(userId, view);
        return Answer(method, true, $"modal \"{view["title"]?["text"]}\" for {userId}", Ok(new() { ["view"] = new JsonObject { ["id"] = modal.ViewId } }));
    }

    private IResult UpdateView(string method, string viewId, string? hash, JsonObject? view)
    {
        if (view is null || workspace.ModalById(viewId) is not { } modal)
        {
            return Answer(method, false, $"view {viewId}", Error("not_found"));
        }

        if (hash is not null && hash != modal.Hash)
        {
            return Answer(method, false, $"view {viewId} changed since", Error("hash_conflict"));
        }

        workspace.OpenModal(modal.UserId, view, modal.ViewId);
        return Answer(method, true, $"modal {viewId} updated", Ok(new() { ["view"] = new JsonObject { ["id"] = viewId } }));
    }

    private IResult PublishHome(string method, string userId, JsonObject? view)
    {
        if (view is null || workspace.Teacher(userId) is null)
        {
            return Answer(method, false, $"home of {userId}", Error(view is null ? "invalid_arguments" : "user_not_found"));
        }

        workspace.PublishHome(userId, view);
        return Answer(method, true, $"App Home of {userId}", Ok(new() { ["view"] = new JsonObject { ["id"] = "VHOME" + userId } }));
    }

    private IResult UploadUrl(string method, string filename)
    {
        var id = workspace.AddFile(filename, "application/octet-stream", []);
        return Answer(method, true, filename, Ok(new() { ["upload_url"] = SimulatedSlackAddress.Public($"simulator/slack/upload/{id}").ToString(), ["file_id"] = id }));
    }

    private IResult CompleteUpload(string method, JsonObject? json, Dictionary<string, string> form, string? channel, string? comment)
    {
        var files = json?["files"] as JsonArray ?? (form.TryGetValue("files", out var f) ? JsonNode.Parse(f) as JsonArray : null) ?? [];
        if (channel is not { Length: > 0 } || workspace.Conversation(channel) is null)
        {
            return Answer(method, false, "files kept private (no channel)", Ok(new() { ["files"] = files.DeepClone() }));
        }

        var blocks = new JsonArray();
        foreach (var file in files)
        {
            var id = file?["id"]?.GetValue<string>() ?? "";
            var title = file?["title"]?.GetValue<string>() ?? "file";
            var name = workspace.File(id)?.Name ?? "";
            // Pictures are shown; anything else (a calendar invitation) is a link to open, as Slack shows a file card.
            blocks.Add(IsPicture(name)
                ? new JsonObject { ["type"] = "image", ["image_url"] = $"/simulator/files/{id}", ["alt_text"] = title }
                : new JsonObject { ["type"] = "section", ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = $"📎 </simulator/files/{id}|{title} ({name})>" } });
        }

        workspace.Post("message", channel, SimulatedWorkspace.BotUserId, null, comment ?? "", blocks);
        return Answer(method, true, $"{files.Count} file(s) shared", Ok(new() { ["files"] = files.DeepClone() }));
    }

    private static bool IsPicture(string name) =>
        name.Length == 0 || new[] { ".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp" }.Any(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    private IResult Answer(string method, bool ok, string summary, JsonObject body)
    {
        workspace.Record(method, ok, summary);
        return Results.Content(body.ToJsonString(), "application/json", Encoding.UTF8);
    }

    private static JsonObject Ok(JsonObject fields)
    {
        var body = new JsonObject { ["ok"] = true };
        foreach (var (k, v) in fields)
        {
            body[k] = v?.DeepClone();
        }

        return body;
    }

    private static JsonObject Error(string error) => new() { ["ok"] = false, ["error"] = error };

    private static string Text(JsonNode payload) => payload["text"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static string Short(string s) => s.Length <= 80 ? s.ReplaceLineEndings(" ") : s[..79].ReplaceLineEndings(" ") + "…";

    private static async Task<(JsonObject? Json, Dictionary<string, string> Form)> ReadAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
        {
            try
            {
                return (JsonNode.Parse(body) as JsonObject, []);
            }
            catch (JsonException)
            {
                return (null, []);
            }
        }

        return (null, SlackRequest.ParseForm(Encoding.UTF8.GetBytes(body)));
    }
}
