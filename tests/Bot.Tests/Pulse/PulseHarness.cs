using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PeerBot.Bot.Tests.Infrastructure;
using PeerBot.Bot.Tests.Infrastructure.Driver;
using PeerBot.Matching.Pulse;
using PeerBot.Scheduler.Pulse;

namespace PeerBot.Bot.Tests.Pulse;

/// <summary>The pulse on top of the one driver (<see cref="SlackTeacher"/>): answering question by question, and seeding anonymous answers for reports.</summary>
public static class PulseHarness
{
    /// <summary>A Slack teacher acting at <paramref name="at"/> (the bot runs on a fake clock that checks Slack's timestamps).</summary>
    public static SlackTeacher Teacher(this PeerBotApp app, string userId, DateTimeOffset at) => new(app, userId) { Clock = () => at };

    /// <summary>The reply JSON to <c>/peer {text}</c> (inline, or through response_url when slow).</summary>
    public static async Task<JsonNode> SayAsync(this PeerBotApp app, string text, string userId, DateTimeOffset at) =>
        (await app.Teacher(userId, at).TypeAsync(text)).Raw;

    public static async Task<string> SayTextAsync(this PeerBotApp app, string text, string userId, DateTimeOffset at) =>
        (await app.SayAsync(text, userId, at))["text"]!.GetValue<string>();

    /// <summary>The member's pulse invitation, once the outbox has delivered it.</summary>
    public static async Task<PostedMessage> InvitationAsync(this PeerBotApp app, string user)
    {
        var outbox = app.Services.GetRequiredService<PeerBot.Scheduler.Delivery.Outbox>();
        PostedMessage? Invitation() => app.Slack.MessagesIn("D" + user).FirstOrDefault(m => m.DeliveryKey?.EndsWith(":invite", StringComparison.Ordinal) == true);
        for (var attempt = 0; attempt < 60; attempt++)
        {
            // A fake clock never ends the dispatcher's idle wait: nudge it, as a commit elsewhere would, then wait on the fake Slack.
            outbox.Wake();
            try
            {
                return await app.Slack.WaitUntilAsync(Invitation, $"the pulse invitation to {user}", timeoutMs: 1000);
            }
            catch (TimeoutException)
            {
                // The nudge came before the invitation's rows were committed: nudge again.
            }
        }

        throw new TimeoutException($"No pulse invitation reached {user}:{Environment.NewLine}{app.Logs}");
    }

    /// <summary>Clicks a button; returns the reply JSON (null when the click opened a modal instead).</summary>
    public static async Task<JsonNode?> PressAsync(this PeerBotApp app, string userId, string actionId, string value, DateTimeOffset at) =>
        await app.Teacher(userId, at).ClickAsync(actionId, value) is { IsForm: false } seen ? seen.Raw : null;

    /// <summary>Clicks "add a comment" (state: that button's value), then submits the comment modal; returns the thank-you.</summary>
    public static async Task<Seen> SubmitCommentAsync(this PeerBotApp app, string userId, string state, string comment, DateTimeOffset at)
    {
        var teacher = app.Teacher(userId, at);
        var form = await teacher.ClickAsync(PulseMessages.CommentAction, state);
        Assert.Equal("pulse.comment", form.FormId);
        return await teacher.SubmitAsync(form, new Dictionary<string, string[]> { ["comment"] = [comment] });
    }

    /// <summary>All button values with this action id in a reply or posted message's blocks.</summary>
    public static IReadOnlyList<string> Buttons(string? blocksJson, string actionId) =>
        [.. JsonNode.Parse(blocksJson ?? "[]")!.AsArray()
            .Where(b => b!["type"]!.GetValue<string>() == "actions")
            .SelectMany(b => b!["elements"]!.AsArray())
            .Where(e => PeerBot.Bot.Slack.BlockKit.ActionIdOf(e!["action_id"]!.GetValue<string>()) == actionId)
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
