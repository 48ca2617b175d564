using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Matching.Pulse;
using PeerBot.Scheduler.Pulse;

namespace PeerBot.Bot.Tests.Pulse;

/// <summary>Typing, clicking and submitting as Slack sends them, and seeding anonymous answers for reports.</summary>
public static class PulseHarness
{
    /// <summary>The reply JSON to <c>/peer {text}</c> (inline, or through response_url when slow).</summary>
    public static async Task<JsonNode> SayAsync(this PeerBotApp app, string text, string userId, DateTimeOffset at)
    {
        var before = app.Slack.CallsTo("response_url").Count;
        using var request = SlackSigner.Signed("/slack/commands", SlackSigner.Command(text, userId, "T100", app.Slack.ResponseUrl()), at);
        var response = await app.Http().SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"/peer {text}: {(int)response.StatusCode} {body}");
        return body.Length > 0 ? JsonNode.Parse(body)! : (await app.Slack.WaitForAsync("response_url", before + 1, 90_000)).Json!;
    }

    public static async Task<string> SayTextAsync(this PeerBotApp app, string text, string userId, DateTimeOffset at) =>
        (await app.SayAsync(text, userId, at))["text"]!.GetValue<string>();

    /// <summary>The member's pulse invitation, once the outbox has delivered it.</summary>
    public static async Task<PostedMessage> InvitationAsync(this PeerBotApp app, string user)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            // A fake clock never ends the dispatcher's idle wait: nudge it, as a commit elsewhere would.
            app.Services.GetRequiredService<PeerBot.Scheduler.Delivery.Outbox>().Wake();
            if (app.Slack.MessagesIn("D" + user).FirstOrDefault(m => m.DeliveryKey?.EndsWith(":invite", StringComparison.Ordinal) == true) is { } m)
            {
                return m;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"No pulse invitation reached {user}");
    }

    /// <summary>Clicks a button; returns the reply JSON (null when the click opened a modal instead).</summary>
    public static async Task<JsonNode?> PressAsync(this PeerBotApp app, string userId, string actionId, string value, DateTimeOffset at)
    {
        var click = JsonNode.Parse(Paths.ReadFixture("slack_block_actions.json"))!;
        click["team"]!["id"] = "T100";
        click["user"]!["id"] = userId;
        click["actions"]![0]!["action_id"] = actionId;
        click["actions"]![0]!["value"] = value;
        click["response_url"] = app.Slack.ResponseUrl().ToString();
        var replies = app.Slack.CallsTo("response_url").Count;
        var modals = app.Slack.CallsTo("views.open").Count;
        using var request = SlackSigner.Signed("/slack/interactivity", SlackSigner.Interaction(click.ToJsonString()), at);
        var response = await app.Http().SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        // Slack ignores the body of a block_actions acknowledgement: the reply must come through response_url.
        Assert.Equal("", body);
        for (var i = 0; i < 3000; i++)
        {
            if (app.Slack.CallsTo("response_url") is { } posted && posted.Count > replies)
            {
                return posted[replies].Json;
            }

            if (app.Slack.CallsTo("views.open").Count > modals)
            {
                return null;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"No reply to the click on {actionId}:{Environment.NewLine}{app.Logs}");
    }

    /// <summary>Submits the pulse comment modal as Slack's view_submission does.</summary>
    public static async Task SubmitCommentAsync(this PeerBotApp app, string userId, string state, string comment, DateTimeOffset at)
    {
        var payload = JsonNode.Parse(Paths.ReadFixture("slack_view_submission.json"))!;
        payload["team"]!["id"] = "T100";
        payload["user"]!["id"] = userId;
        var view = payload["view"]!;
        view["callback_id"] = "pulse.comment";
        view["private_metadata"] = new JsonObject { ["state"] = state, ["responseUrl"] = app.Slack.ResponseUrl().ToString(), ["prefix"] = "/peer " }.ToJsonString();
        view["state"] = new JsonObject { ["values"] = new JsonObject { ["comment"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "plain_text_input", ["value"] = comment } } } };
        using var request = SlackSigner.Signed("/slack/interactivity", SlackSigner.Interaction(payload.ToJsonString()), at);
        var response = await app.Http().SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>All button values with this action id in a reply or posted message's blocks.</summary>
    public static IReadOnlyList<string> Buttons(string? blocksJson, string actionId) =>
        [.. JsonNode.Parse(blocksJson ?? "[]")!.AsArray()
            .Where(b => b!["type"]!.GetValue<string>() == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .Where(e => e!["action_id"]!.GetValue<string>() == actionId)
            .Select(e => e!["value"]!.GetValue<string>())];

    /// <summary>Answers a pulse the way a member does: one button per question, then "send" (or "comment").</summary>
    public static async Task<JsonNode?> AnswerAsync(this PeerBotApp app, string userId, string firstQuestionBlocks, int[] values, DateTimeOffset at)
    {
        var blocks = firstQuestionBlocks;
        foreach (var v in values)
        {
            var buttons = Buttons(blocks, PulseMessages.AnswerAction);
            Assert.True(buttons.Count == 5, $"{userId} expected a question with five buttons, got: {blocks}");
            var value = buttons[v - 1];
            blocks = (await app.PressAsync(userId, PulseMessages.AnswerAction, value, at))!["blocks"]!.ToJsonString();
        }

        return await app.PressAsync(userId, PulseMessages.SendAction, Buttons(blocks, PulseMessages.SendAction)[0], at);
    }

    /// <summary>A pulse with answers straight into the tables, then closed (people per cohort, each answering the same values).</summary>
    public static async Task<Guid> SeedPulseAsync(this PeerBotApp app, Guid workspaceId, DateOnly week, IReadOnlyDictionary<string, int> peoplePerCohort, int[] values, params string[] comments)
    {
        await using var conn = new NpgsqlConnection(app.ConnectionString);
        await conn.OpenAsync();
        var id = Guid.NewGuid();
        await using (var cmd = new NpgsqlCommand("insert into pulses (id, workspace_id, run_key, week, questions, opened_at, closes_at) values ($1, $2, $3, $4, $5::jsonb, $6, $6)", conn))
        {
            cmd.Parameters.Add(new() { Value = id });
            cmd.Parameters.Add(new() { Value = workspaceId });
            cmd.Parameters.Add(new() { Value = $"seed:{id:N}" });
            cmd.Parameters.Add(new() { Value = week });
            cmd.Parameters.Add(new() { Value = PulseSettingsStore.WriteQuestions(PulseQuestions.Defaults) });
            cmd.Parameters.Add(new() { Value = new DateTimeOffset(week.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) });
            await cmd.ExecuteNonQueryAsync();
        }

        // Answers only ever exist as counts per cohort, question and value (see PulseStore.RecordAsync).
        foreach (var (cohort, people) in peoplePerCohort)
        {
            for (var q = 0; q < values.Length; q++)
            {
                await using var cmd = new NpgsqlCommand("insert into pulse_tallies (pulse_id, cohort, question, value, answers) values ($1, $2, $3, $4, $5)", conn);
                cmd.Parameters.Add(new() { Value = id });
                cmd.Parameters.Add(new() { Value = cohort });
                cmd.Parameters.Add(new() { Value = (short)q });
                cmd.Parameters.Add(new() { Value = (short)values[q] });
                cmd.Parameters.Add(new() { Value = people });
                await cmd.ExecuteNonQueryAsync();
            }
        }

        foreach (var comment in comments)
        {
            await using var cmd = new NpgsqlCommand("insert into pulse_comments (id, pulse_id, body) values ($1, $2, $3)", conn);
            cmd.Parameters.Add(new() { Value = Guid.NewGuid() });
            cmd.Parameters.Add(new() { Value = id });
            cmd.Parameters.Add(new() { Value = comment });
            await cmd.ExecuteNonQueryAsync();
        }

        // Closing seals the pulse: only then do reports read its tallies.
        await ActivatorUtilities.CreateInstance<PulseJob>(app.Services).CloseAsync(id, CancellationToken.None);
        return id;
    }
}
