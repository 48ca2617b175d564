using System.Text.Json.Nodes;
using PeerBot.Bot.Teams;

namespace PeerBot.Bot.Tests.Infrastructure.Driver;

/// <summary>
/// What a teacher sees, whichever platform showed it: the text, the buttons, and — when a form opened — the form
/// (its id, state and field ids). <see cref="Raw"/> is the platform's own payload for the few platform-specific checks.
/// </summary>
public sealed record Seen(string Text, IReadOnlyList<SeenButton> Buttons, JsonNode Raw)
{
    /// <summary>A form opened (Slack modal, Adaptive Card with inputs) rather than a message.</summary>
    public bool IsForm => FormId is not null;

    public string? FormId { get; init; }

    /// <summary>A Slack modal on screen: its view id and the hash Slack sends with a click inside it; null for anything else.</summary>
    public string? ViewId { get; init; }

    public string? ViewHash { get; init; }

    /// <summary>The form's opaque state, handed back on submission.</summary>
    public string FormState { get; init; } = "";

    /// <summary>Slack: the modal's private_metadata as sent (it tells the bot where to confirm).</summary>
    public string? FormMetadata { get; init; }

    /// <summary>The form's field ids, in order.</summary>
    public IReadOnlyList<string> Fields => [.. _initial.Keys];

    /// <summary>What a form field shows before the teacher types anything (option values for choices).</summary>
    public IReadOnlyList<string> Initial(string fieldId) => _initial.TryGetValue(fieldId, out var v) ? v : throw new InvalidOperationException($"No field {fieldId} in: {Raw.ToJsonString()}");

    private IReadOnlyDictionary<string, IReadOnlyList<string>> _initial = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>A submitted form was refused: field id → what to fix.</summary>
    public IReadOnlyDictionary<string, string> FieldErrors { get; init; } = new Dictionary<string, string>();

    /// <summary>The button's value; fails naming what was there.</summary>
    public string Button(string actionId) =>
        Buttons.FirstOrDefault(b => b.ActionId == actionId)?.Value ?? throw new InvalidOperationException($"No button {actionId} in: {Raw.ToJsonString()}");

    public IReadOnlyList<string> ButtonValues(string actionId) => [.. Buttons.Where(b => b.ActionId == actionId).Select(b => b.Value)];

    public bool Contains(string text) => Text.Contains(text, StringComparison.Ordinal);

    public override string ToString() => Text;

    /// <summary>A Slack message (ephemeral reply, response_url post, chat.postMessage, Home view): its text and its blocks' buttons.</summary>
    public static Seen FromSlack(JsonNode message)
    {
        var blocks = message["blocks"] as JsonArray ?? [];
        // The fallback text and what the blocks show (fields, context lines) are both what the person reads.
        var text = string.Join("\n", new[] { message["text"]?.GetValue<string>() ?? "", SlackBlocksText(blocks) }.Where(t => t.Length > 0));
        return new Seen(text, SlackButtons(blocks), message);
    }

    /// <summary>A Slack modal as views.open carried it.</summary>
    public static Seen FromSlackModal(JsonNode view)
    {
        var metadata = view["private_metadata"]?.GetValue<string>();
        var state = metadata is { Length: > 0 } ? JsonNode.Parse(metadata)?["state"]?.GetValue<string>() ?? "" : "";
        var blocks = view["blocks"] as JsonArray ?? [];
        return new Seen($"{view["title"]?["text"]?.GetValue<string>()}\n{SlackBlocksText(blocks)}", SlackButtons(blocks), view)
        {
            FormId = view["callback_id"]?.GetValue<string>() ?? "",
            FormState = state,
            FormMetadata = metadata,
            _initial = blocks.Where(b => b?["block_id"] is not null && b["element"] is not null).ToDictionary(
                b => b!["block_id"]!.GetValue<string>(),
                b => (IReadOnlyList<string>)[.. b!["element"] is var e && e!["initial_options"] is JsonArray many ? many.Select(o => o!["value"]!.GetValue<string>())
                    : e["initial_option"]?["value"]?.GetValue<string>() is { } one ? [one]
                    : e["initial_value"]?.GetValue<string>() is { } typed ? [typed] : []]),
        };
    }

    /// <summary>A Teams activity or an invoke response's card: Markdown text, or the card's texts, facts and actions.</summary>
    public static Seen FromTeams(JsonNode activity)
    {
        if (activity["text"]?.GetValue<string>() is { Length: > 0 } text && activity["attachments"] is null)
        {
            return new Seen(text, [], activity);
        }

        var card = activity["attachments"]?[0]?["content"] ?? activity;
        return FromTeamsCard(card, activity);
    }

    public static Seen FromTeamsCard(JsonNode card, JsonNode? raw = null)
    {
        var lines = new List<string>();
        var fields = new Dictionary<string, IReadOnlyList<string>>();
        var isForm = false;
        foreach (var element in card["body"] as JsonArray ?? [])
        {
            switch (element?["type"]?.GetValue<string>())
            {
                case "TextBlock":
                    lines.Add(element["text"]?.GetValue<string>() ?? "");
                    break;
                case "FactSet":
                    lines.AddRange((element["facts"] as JsonArray ?? []).Select(f => $"{f?["title"]}: {f?["value"]}"));
                    break;
                case { } type when type.StartsWith("Input.", StringComparison.Ordinal):
                    isForm = true;
                    fields[element["id"]?.GetValue<string>() ?? ""] = element["value"]?.GetValue<string>() is { Length: > 0 } v
                        ? type == "Input.ChoiceSet" ? v.Split(',') : [v]
                        : [];
                    lines.Add(element["label"]?.GetValue<string>() ?? "");
                    break;
            }
        }

        var actions = (card["actions"] as JsonArray ?? []).Where(a => a?["type"]?.GetValue<string>() == "Action.Execute").ToList();
        var submit = isForm ? actions.Select(a => a!["data"]).FirstOrDefault(d => d?[AdaptiveCards.FormKey] is not null) : null;
        return new Seen(string.Join("\n", lines), [.. actions.Where(a => a!["data"]?[AdaptiveCards.ActionKey] is not null).Select(a => new SeenButton(
            a!["title"]?.GetValue<string>() ?? "", a["data"]![AdaptiveCards.ActionKey]!.GetValue<string>(), a["data"]![AdaptiveCards.ValueKey]?.GetValue<string>() ?? "")
        {
            Spoken = a["tooltip"]?.GetValue<string>(),
        })], raw ?? card)
        {
            FormId = submit?[AdaptiveCards.FormKey]?.GetValue<string>(),
            FormState = submit?[AdaptiveCards.StateKey]?.GetValue<string>() ?? "",
            _initial = fields,
        };
    }

    private static string SlackBlocksText(JsonArray blocks) => string.Join("\n", blocks.SelectMany(b => new[]
    {
        b?["text"]?["text"]?.GetValue<string>(),
        b?["label"]?["text"]?.GetValue<string>(),
    }.Concat((b?["elements"] as JsonArray ?? []).Select(e => e?["text"] is JsonValue v ? v.GetValue<string>() : null))
     .Concat((b?["fields"] as JsonArray ?? []).Select(f => f?["text"]?.GetValue<string>()))).OfType<string>());

    private static IReadOnlyList<SeenButton> SlackButtons(JsonArray blocks) =>
        [.. blocks.Where(b => b?["type"]?.GetValue<string>() == "actions")
            .SelectMany(b => b!["elements"] as JsonArray ?? [])
            .Where(e => e?["type"]?.GetValue<string>() == "button")
            .Select(e => new SeenButton(e!["text"]?["text"]?.GetValue<string>() ?? "", PeerBot.Bot.Slack.BlockKit.ActionIdOf(e["action_id"]!.GetValue<string>()), e["value"]?.GetValue<string>() ?? "")
            {
                Spoken = e["accessibility_label"]?.GetValue<string>(),
            })];
}

/// <summary>A button as shown: its label, what it does (action id) and the value it sends.</summary>
public sealed record SeenButton(string Label, string ActionId, string Value)
{
    /// <summary>What a screen reader says for it (Slack <c>accessibility_label</c>, Teams <c>tooltip</c>); null when the button has none.</summary>
    public string? Spoken { get; init; }
}
