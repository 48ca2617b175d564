using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Bot.Slack;

/// <summary>Renders platform-neutral messages and forms as Slack Block Kit, and reads modal state back.</summary>
public static partial class BlockKit
{
    private const int MaxSectionText = 3000;
    private const int MaxFieldsPerSection = 10;

    public static JsonObject Message(ChatMessage message) => new()
    {
        ["text"] = Limit(Mrkdwn(message.Text), 4000),
        ["blocks"] = Blocks(message.Blocks),
    };

    /// <summary>A reply to a slash command or click, visible only to the person.</summary>
    public static JsonObject Ephemeral(ChatMessage message)
    {
        var json = Message(message);
        json["response_type"] = "ephemeral";
        return json;
    }

    public static JsonArray Blocks(IEnumerable<MessageBlock> blocks)
    {
        var array = new JsonArray();
        foreach (var block in blocks)
        {
            switch (block)
            {
                case TextBlock t:
                    array.Add(Section(t.Markdown));
                    break;
                case FieldsBlock f:
                    foreach (var chunk in f.Fields.Chunk(MaxFieldsPerSection))
                    {
                        array.Add(new JsonObject
                        {
                            ["type"] = "section",
                            ["fields"] = new JsonArray([.. chunk.Select(x => (JsonNode)Mrkdwn($"*{x.Label}*\n{x.Value}", 2000))]),
                        });
                    }

                    break;
                case NoteBlock n:
                    array.Add(new JsonObject { ["type"] = "context", ["elements"] = new JsonArray(Mrkdwn(n.Markdown, 2000)) });
                    break;
                case ButtonsBlock b:
                    array.Add(new JsonObject { ["type"] = "actions", ["elements"] = new JsonArray([.. UniqueActionIds(b.Buttons.Take(25)).Select(x => Button(x.Button, x.ActionId))]) });
                    break;
                case ImageBlock i:
                    array.Add(new JsonObject { ["type"] = "image", ["image_url"] = i.Url, ["alt_text"] = Limit(i.AltText, 2000) });
                    break;
                case DividerBlock:
                    array.Add(new JsonObject { ["type"] = "divider" });
                    break;
            }
        }

        return array;
    }

    public static JsonObject Modal(ChatForm form, string privateMetadata)
    {
        var blocks = new JsonArray();
        if (form.Intro is { } intro)
        {
            blocks.Add(Section(intro));
        }

        foreach (var field in form.Fields)
        {
            var input = new JsonObject
            {
                ["type"] = "input",
                ["block_id"] = field.Id,
                ["optional"] = field.Optional,
                ["label"] = Plain(field.Label, 2000),
                ["element"] = Element(field),
            };
            if (field.Hint is { } hint)
            {
                input["hint"] = Plain(hint, 2000);
            }

            blocks.Add(input);
        }

        return new JsonObject
        {
            ["type"] = "modal",
            ["callback_id"] = form.FormId,
            ["title"] = Plain(form.Title, 24),
            ["submit"] = Plain(form.SubmitLabel, 24),
            ["close"] = Plain("Cancel", 24),
            ["private_metadata"] = Limit(privateMetadata, 3000),
            ["blocks"] = blocks,
        };
    }

    /// <summary>A message shown in a modal (a shortcut's answer): read, click its buttons, close.</summary>
    public static JsonObject MessageModal(ChatMessage message) => new()
    {
        ["type"] = "modal",
        ["callback_id"] = MessageModalId,
        ["title"] = Plain("PeerBot", 24),
        ["close"] = Plain("Close", 24),
        ["blocks"] = Blocks(message.Blocks),
    };

    /// <summary>The callback id of a modal that only shows a message (nothing to submit).</summary>
    public const string MessageModalId = "peerbot.message";

    /// <summary>Reads <c>view.state.values</c> into block id → values, whatever kind of input each block holds.</summary>
    public static Dictionary<string, IReadOnlyList<string>> StateValues(JsonElement view)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (!view.TryGetProperty("state", out var state) || !state.TryGetProperty("values", out var values))
        {
            return result;
        }

        foreach (var block in values.EnumerateObject())
        {
            foreach (var action in block.Value.EnumerateObject())
            {
                var v = action.Value;
                IReadOnlyList<string> read =
                    v.TryGetProperty("selected_options", out var many) && many.ValueKind == JsonValueKind.Array ? [.. many.EnumerateArray().Select(o => o.GetProperty("value").GetString() ?? "")]
                    : v.TryGetProperty("selected_option", out var one) && one.ValueKind == JsonValueKind.Object ? [one.GetProperty("value").GetString() ?? ""]
                    : v.TryGetProperty("value", out var text) && text.ValueKind == JsonValueKind.String ? [text.GetString()!]
                    : v.TryGetProperty("selected_date", out var date) && date.ValueKind == JsonValueKind.String ? [date.GetString()!]
                    : v.TryGetProperty("selected_user", out var user) && user.ValueKind == JsonValueKind.String ? [user.GetString()!]
                    : [];
                result[block.Name] = read;
            }
        }

        return result;
    }

    private static JsonObject Element(FormField field)
    {
        JsonObject Option(FormOption o) => new() { ["text"] = Plain(o.Label, 75), ["value"] = o.Value };
        var initial = field.Options.Where(o => field.Initial.Contains(o.Value)).ToArray();
        var element = field.Kind switch
        {
            FormFieldKind.SingleChoice => new JsonObject { ["type"] = "static_select", ["options"] = new JsonArray([.. field.Options.Select(Option)]) },
            FormFieldKind.MultiChoice => new JsonObject { ["type"] = "multi_static_select", ["options"] = new JsonArray([.. field.Options.Select(Option)]) },
            _ => new JsonObject { ["type"] = "plain_text_input", ["multiline"] = field.Multiline },
        };
        element["action_id"] = "value";
        if (field.Kind == FormFieldKind.Text && field.Initial.Count > 0)
        {
            element["initial_value"] = field.Initial[0];
        }
        else if (field.Kind == FormFieldKind.SingleChoice && initial.Length > 0)
        {
            element["initial_option"] = Option(initial[0]);
        }
        else if (field.Kind == FormFieldKind.MultiChoice && initial.Length > 0)
        {
            element["initial_options"] = new JsonArray([.. initial.Select(Option)]);
        }

        if (field.Placeholder is { } placeholder)
        {
            element["placeholder"] = Plain(placeholder, 150);
        }

        return element;
    }

    /// <summary>
    /// Slack refuses a message whose block holds one action_id twice (<c>invalid_blocks</c>), yet several buttons can
    /// share a handler and differ by value (a 1–5 scale, Pause 1/2/4 weeks). The second and later get
    /// "<c>id~n</c>", which <see cref="ActionIdOf"/> reads back as the handler's id.
    /// </summary>
    private static IEnumerable<(ChatButton Button, string ActionId)> UniqueActionIds(IEnumerable<ChatButton> buttons)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var n = 0;
        foreach (var button in buttons)
        {
            n++;
            yield return (button, seen.Add(button.ActionId) ? button.ActionId : $"{button.ActionId}{ActionIdSeparator}{n}");
        }
    }

    private const char ActionIdSeparator = '~';

    /// <summary>The handler's action id of a clicked Slack element: "<c>rating~3</c>" → "<c>rating</c>".</summary>
    public static string ActionIdOf(string slackActionId)
    {
        var at = slackActionId.LastIndexOf(ActionIdSeparator);
        return at > 0 && at < slackActionId.Length - 1 && slackActionId.AsSpan(at + 1).IndexOfAnyExceptInRange('0', '9') < 0
            ? slackActionId[..at]
            : slackActionId;
    }

    private static JsonObject Button(ChatButton b, string actionId)
    {
        var button = new JsonObject
        {
            ["type"] = "button",
            ["text"] = Plain(b.Label, 75),
            ["action_id"] = actionId,
            ["value"] = b.Value,
            // Read by screen readers instead of the text: every button says what it does, in words.
            ["accessibility_label"] = Limit(b.Spoken, ChatButton.MaxSpoken),
        };
        if (b.Style != ButtonStyle.Default)
        {
            button["style"] = b.Style == ButtonStyle.Primary ? "primary" : "danger";
        }

        return button;
    }

    private static JsonObject Section(string markdown) => new() { ["type"] = "section", ["text"] = Mrkdwn(markdown, MaxSectionText) };

    private static JsonObject Mrkdwn(string markdown, int max) => new() { ["type"] = "mrkdwn", ["text"] = Limit(Mrkdwn(markdown), max) };

    private static JsonObject Plain(string text, int max) => new() { ["type"] = "plain_text", ["text"] = Limit(text, max), ["emoji"] = true };

    /// <summary>Our neutral **bold** becomes Slack's *bold*.</summary>
    private static string Mrkdwn(string markdown) => Bold().Replace(markdown, "*$1*");

    private static string Limit(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex Bold();
}
