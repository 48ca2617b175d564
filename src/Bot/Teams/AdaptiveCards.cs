using System.Text.Json.Nodes;
using PeerBot.Scheduler.Chat;

namespace PeerBot.Bot.Teams;

/// <summary>
/// Renders platform-neutral messages and forms as Adaptive Cards 1.5. Buttons and submits are
/// <c>Action.Execute</c> (verb = the form or action id); their data names what was clicked so that a
/// card submitted by an older client as a message (<c>Action.Submit</c>) is understood the same way.
/// </summary>
public static class AdaptiveCards
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string FormKey = "peerbotForm";
    public const string StateKey = "peerbotState";
    public const string ActionKey = "peerbotAction";
    public const string ValueKey = "peerbotValue";

    /// <summary>Teams store rule: a card carries at most six actions.</summary>
    public const int MaxActions = 6;

    /// <summary>A message activity: plain Markdown text when the message is only text, otherwise a card.</summary>
    public static JsonObject MessageActivity(ChatMessage message)
    {
        if (message.Blocks.All(b => b is TextBlock or NoteBlock))
        {
            return new JsonObject
            {
                ["type"] = "message",
                ["textFormat"] = "markdown",
                ["text"] = string.Join("\n\n", message.Blocks.Select(b => b is TextBlock t ? t.Markdown : $"_{((NoteBlock)b).Markdown}_")),
            };
        }

        return CardActivity(Card(message));
    }

    /// <summary>
    /// A message with files, as Teams can show them: images inside the card, other files as a download button. Both by
    /// their signed link; without one (PeerBot has no public address) images go inline as data URIs and other files as
    /// inline attachments.
    /// </summary>
    public static JsonObject FilesActivity(ChatMessage message, IReadOnlyList<ChatFile> files)
    {
        var images = files.Where(f => f.IsImage).Select(f => new ImageBlock(f.Link?.AbsoluteUri ?? DataUri(f), f.Title));
        var card = Card(message with { Blocks = [.. message.Blocks, .. images] });
        var actions = card["actions"] as JsonArray ?? [];
        foreach (var file in files.Where(f => !f.IsImage && f.Link is not null).Take(MaxActions - actions.Count))
        {
            actions.Add(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = $"Download {file.Title}", ["tooltip"] = $"Download {file.Title} ({file.Name})", ["url"] = file.Link!.AbsoluteUri });
        }

        if (actions.Count > 0)
        {
            card["actions"] = actions;
        }

        var activity = CardActivity(card);
        var attachments = activity["attachments"]!.AsArray();
        foreach (var file in files.Where(f => !f.IsImage && f.Link is null))
        {
            attachments.Add(new JsonObject { ["contentType"] = file.MediaType, ["contentUrl"] = DataUri(file), ["name"] = file.Name });
        }

        return activity;
    }

    private static string DataUri(ChatFile file) => $"data:{file.MediaType};base64,{Convert.ToBase64String(file.Bytes)}";

    public static JsonObject CardActivity(JsonObject card) => new()
    {
        ["type"] = "message",
        ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = ContentType, ["content"] = card }),
    };

    public static JsonObject Card(ChatMessage message)
    {
        var body = new JsonArray();
        var actions = new JsonArray();
        var separate = false;
        foreach (var block in message.Blocks)
        {
            JsonObject? element = block switch
            {
                TextBlock t => Text(t.Markdown),
                NoteBlock n => Text(n.Markdown, subtle: true),
                FieldsBlock f => new JsonObject
                {
                    ["type"] = "FactSet",
                    ["facts"] = new JsonArray([.. f.Fields.Select(x => (JsonNode)new JsonObject { ["title"] = x.Label, ["value"] = x.Value })]),
                },
                ImageBlock i => new JsonObject { ["type"] = "Image", ["url"] = i.Url, ["altText"] = i.AltText },
                _ => null,
            };
            if (block is ButtonsBlock b)
            {
                foreach (var button in b.Buttons.Take(MaxActions - actions.Count))
                {
                    actions.Add(Button(button));
                }
            }

            if (block is DividerBlock)
            {
                separate = true;
            }
            else if (element is not null)
            {
                if (separate)
                {
                    element["separator"] = true;
                    separate = false;
                }

                body.Add(element);
            }
        }

        return Envelope(body, actions);
    }

    /// <summary>A form as a card with inputs; <paramref name="errors"/> (field id → message) are shown under their fields.</summary>
    public static JsonObject Form(ChatForm form, IReadOnlyDictionary<string, string>? errors = null)
    {
        var body = new JsonArray { Text($"**{form.Title}**") };
        if (form.Intro is { } intro)
        {
            body.Add(Text(intro, subtle: true));
        }

        foreach (var field in form.Fields)
        {
            body.Add(Input(field, errors?.GetValueOrDefault(field.Id)));
            if (errors?.GetValueOrDefault(field.Id) is { } error)
            {
                body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = error, ["color"] = "attention", ["wrap"] = true, ["spacing"] = "none" });
            }
            else if (field.Hint is { } hint)
            {
                body.Add(new JsonObject { ["type"] = "TextBlock", ["text"] = hint, ["isSubtle"] = true, ["size"] = "small", ["wrap"] = true, ["spacing"] = "none" });
            }
        }

        var submit = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = form.SubmitLabel,
            ["tooltip"] = $"{form.SubmitLabel} (the {form.Title} form)",
            ["verb"] = form.FormId,
            ["style"] = "positive",
            ["data"] = new JsonObject { [FormKey] = form.FormId, [StateKey] = form.State },
        };
        return Envelope(body, new JsonArray(submit));
    }

    private static JsonObject Input(FormField field, string? error)
    {
        var input = field.Kind switch
        {
            FormFieldKind.Text => new JsonObject
            {
                ["type"] = "Input.Text",
                ["isMultiline"] = field.Multiline,
                ["value"] = field.Initial.Count > 0 ? field.Initial[0] : null,
            },
            _ => new JsonObject
            {
                ["type"] = "Input.ChoiceSet",
                ["isMultiSelect"] = field.Kind == FormFieldKind.MultiChoice,
                ["style"] = "compact",
                ["choices"] = new JsonArray([.. field.Options.Select(o => (JsonNode)new JsonObject { ["title"] = o.Label, ["value"] = o.Value })]),
                ["value"] = field.Initial.Count > 0 ? string.Join(",", field.Initial) : null,
            },
        };
        input["id"] = field.Id;
        input["label"] = field.Label;
        input["isRequired"] = !field.Optional;
        input["errorMessage"] = error ?? $"Please fill in \"{field.Label}\".";
        if (field.Placeholder is { } placeholder)
        {
            input["placeholder"] = placeholder;
        }

        foreach (var empty in input.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            input.Remove(empty);
        }

        return input;
    }

    private static JsonObject Button(ChatButton b)
    {
        var action = new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = b.Label,
            // Shown on hover and read by screen readers: every button says what it does, in words.
            ["tooltip"] = b.Spoken,
            ["verb"] = b.ActionId,
            ["data"] = new JsonObject { [ActionKey] = b.ActionId, [ValueKey] = b.Value },
        };
        if (b.Style != ButtonStyle.Default)
        {
            action["style"] = b.Style == ButtonStyle.Primary ? "positive" : "destructive";
        }

        return action;
    }

    private static JsonObject Text(string markdown, bool subtle = false)
    {
        var text = new JsonObject { ["type"] = "TextBlock", ["text"] = markdown, ["wrap"] = true };
        if (subtle)
        {
            text["isSubtle"] = true;
            text["size"] = "small";
        }

        return text;
    }

    private static JsonObject Envelope(JsonArray body, JsonArray actions)
    {
        var card = new JsonObject
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.5",
            ["body"] = body,
        };
        if (actions.Count > 0)
        {
            card["actions"] = actions;
        }

        return card;
    }
}
